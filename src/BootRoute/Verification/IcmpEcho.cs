using System.Buffers.Binary;
using System.Net;

namespace BootRoute.Verification;

/// <summary>
/// ICMP echo request encoding and reply matching (RFC 792). Raw IPv4 sockets deliver replies with the
/// IP header in front, so matching reads the header too.
/// </summary>
/// <remarks>
/// Echo message: 0 type | 1 code | 2-3 checksum | 4-5 identifier | 6-7 sequence | 8.. payload.
/// </remarks>
public static class IcmpEcho
{
    public const byte EchoReply = 0;
    public const byte EchoRequest = 8;
    private const int HeaderLength = 8;

    public static byte[] Request(ushort identifier, ushort sequence, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[HeaderLength + payload.Length];
        packet[0] = EchoRequest;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
        payload.CopyTo(packet.AsSpan(HeaderLength));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
        return packet;
    }

    /// <summary>The Internet checksum: ones' complement of the ones' complement sum of 16-bit words.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        int index = 0;
        for (; index + 1 < data.Length; index += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[index..]);
        }
        if (index < data.Length)
        {
            sum += (uint)(data[index] << 8);
        }
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    /// <summary>
    /// True when <paramref name="datagram"/> (IPv4 header + ICMP) is the echo reply from
    /// <paramref name="target"/> to <paramref name="source"/> for this identifier and sequence.
    /// </summary>
    public static bool IsReplyTo(ReadOnlySpan<byte> datagram, IPAddress target, IPAddress source, ushort identifier, ushort sequence)
    {
        if (datagram.Length < 20 || datagram[0] >> 4 != 4)
        {
            return false;
        }
        int headerLength = (datagram[0] & 0x0F) * 4;
        if (datagram[9] != 1 || datagram.Length < headerLength + HeaderLength)
        {
            return false;
        }
        var from = new IPAddress(datagram.Slice(12, 4));
        var to = new IPAddress(datagram.Slice(16, 4));
        var icmp = datagram[headerLength..];
        return icmp[0] == EchoReply
            && BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]) == identifier
            && BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]) == sequence
            && from.Equals(target)
            && to.Equals(source);
    }
}
