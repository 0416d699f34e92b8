using System.Runtime.InteropServices;

namespace BootRoute.Netlink.Messages;

/// <summary>
/// struct ifaddrmsg, 8 bytes:
/// <code>
///  0      1         2       3      4               8
///  +------+---------+-------+------+---------------+
///  |family|prefixlen| flags |scope | index (u32)   |
///  +------+---------+-------+------+---------------+
/// </code>
/// The flags byte holds only the low 8 IFA_F_* bits; newer kernels send all 32 in IFA_FLAGS.
/// </summary>
internal readonly record struct InterfaceAddressHeader(byte Family, byte PrefixLength, byte Flags, byte Scope, int Index)
{
    public const int Size = 8;

    public static InterfaceAddressHeader Read(ReadOnlySpan<byte> source) => new(
        source[0], source[1], source[2], source[3], MemoryMarshal.Read<int>(source[4..]));

    public void Write(Span<byte> destination)
    {
        destination[0] = Family;
        destination[1] = PrefixLength;
        destination[2] = Flags;
        destination[3] = Scope;
        int index = Index;
        MemoryMarshal.Write(destination[4..], in index);
    }
}
