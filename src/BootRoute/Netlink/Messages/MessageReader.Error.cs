using System.Runtime.InteropServices;
using BootRoute.Native;

namespace BootRoute.Netlink.Messages;

/// <summary>An NLMSG_ERROR: errno 0 is the acknowledgement of a change, anything else a refusal.</summary>
internal readonly record struct NetlinkError(int Errno, string? ExtendedAck)
{
    public bool IsAck => Errno == 0;
}

internal static partial class MessageReader
{
    /// <summary>
    /// struct nlmsgerr, then (with NLM_F_ACK_TLVS) extended-ack attributes:
    /// <code>
    ///  0              4                     20                                 …
    ///  +--------------+---------------------+----------------------------------+---------------+
    ///  | error (i32,  | nlmsghdr of the     | rest of the request, absent when | NLMSGERR_ATTR |
    ///  |  -errno)     | request (16 bytes)  | NLM_F_CAPPED (NETLINK_CAP_ACK)   | _MSG, …       |
    ///  +--------------+---------------------+----------------------------------+---------------+
    /// </code>
    /// </summary>
    public static NetlinkError ReadError(NetlinkHeader header, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < sizeof(int))
        {
            ThrowHelper.ThrowMalformed("receive", "short NLMSG_ERROR");
        }
        int errno = -MemoryMarshal.Read<int>(payload);
        string? message = null;
        if (header.Has(NetlinkConstants.NLM_F_ACK_TLVS) && payload.Length >= sizeof(int) + NetlinkHeader.Size)
        {
            var request = NetlinkHeader.Read(payload[sizeof(int)..]);
            int echoed = header.Has(NetlinkConstants.NLM_F_CAPPED) ? NetlinkHeader.Size : (int)request.Length;
            int start = sizeof(int) + NetlinkConstants.Align(echoed);
            if (start <= payload.Length)
            {
                var attributes = new AttributeReader(payload[start..]);
                while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> value))
                {
                    if (type == NetlinkConstants.NLMSGERR_ATTR_MSG)
                    {
                        message = AttributeReader.String(value);
                    }
                }
            }
        }
        return new NetlinkError(errno, string.IsNullOrEmpty(message) ? null : message);
    }

    /// <summary>NLMSG_DONE carries an int: 0, or -errno when the dump itself failed part way.</summary>
    public static int ReadDoneErrno(ReadOnlySpan<byte> payload) =>
        payload.Length >= sizeof(int) ? -MemoryMarshal.Read<int>(payload) : 0;
}
