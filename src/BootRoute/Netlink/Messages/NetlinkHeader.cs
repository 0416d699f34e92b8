using System.Runtime.InteropServices;

namespace BootRoute.Netlink.Messages;

/// <summary>
/// struct nlmsghdr, 16 bytes, host byte order, in front of every message:
/// <code>
///  0               4       6       8               12              16
///  +---------------+-------+-------+---------------+---------------+
///  | nlmsg_len     | type  | flags | nlmsg_seq     | nlmsg_pid     |
///  +---------------+-------+-------+---------------+---------------+
/// </code>
/// nlmsg_len counts the header itself and the payload, not the padding after it.
/// </summary>
internal readonly record struct NetlinkHeader(uint Length, ushort Type, ushort Flags, uint Sequence, uint PortId)
{
    public const int Size = NetlinkConstants.HeaderSize;

    public static NetlinkHeader Read(ReadOnlySpan<byte> source) => new(
        MemoryMarshal.Read<uint>(source),
        MemoryMarshal.Read<ushort>(source[4..]),
        MemoryMarshal.Read<ushort>(source[6..]),
        MemoryMarshal.Read<uint>(source[8..]),
        MemoryMarshal.Read<uint>(source[12..]));

    public void Write(Span<byte> destination)
    {
        uint length = Length;
        ushort type = Type;
        ushort flags = Flags;
        uint sequence = Sequence;
        uint portId = PortId;
        MemoryMarshal.Write(destination, in length);
        MemoryMarshal.Write(destination[4..], in type);
        MemoryMarshal.Write(destination[6..], in flags);
        MemoryMarshal.Write(destination[8..], in sequence);
        MemoryMarshal.Write(destination[12..], in portId);
    }

    public bool Has(ushort flag) => (Flags & flag) == flag;
}
