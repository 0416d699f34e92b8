using System.Runtime.InteropServices;

namespace BootRoute.Netlink.Messages;

/// <summary>
/// struct ifinfomsg, 16 bytes:
/// <code>
///  0      1      2          4               8               12              16
///  +------+------+----------+---------------+---------------+---------------+
///  |family| pad  | type u16 | index (i32)   | flags (IFF_*) | change        |
///  +------+------+----------+---------------+---------------+---------------+
/// </code>
/// </summary>
internal readonly record struct InterfaceInfoHeader(byte Family, ushort Type, int Index, uint Flags, uint Change)
{
    public const int Size = 16;

    public static InterfaceInfoHeader Read(ReadOnlySpan<byte> source) => new(
        source[0],
        MemoryMarshal.Read<ushort>(source[2..]),
        MemoryMarshal.Read<int>(source[4..]),
        MemoryMarshal.Read<uint>(source[8..]),
        MemoryMarshal.Read<uint>(source[12..]));

    public void Write(Span<byte> destination)
    {
        destination[..Size].Clear();
        destination[0] = Family;
        ushort type = Type;
        int index = Index;
        uint flags = Flags;
        uint change = Change;
        MemoryMarshal.Write(destination[2..], in type);
        MemoryMarshal.Write(destination[4..], in index);
        MemoryMarshal.Write(destination[8..], in flags);
        MemoryMarshal.Write(destination[12..], in change);
    }
}
