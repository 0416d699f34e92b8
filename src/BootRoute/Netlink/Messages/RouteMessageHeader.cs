using System.Runtime.InteropServices;

namespace BootRoute.Netlink.Messages;

/// <summary>
/// struct rtmsg, 12 bytes. struct fib_rule_hdr has the same layout, so rules use this type too:
/// <code>
///  0      1       2       3      4      5         6       7        8                12
///  +------+-------+-------+------+------+---------+-------+--------+----------------+
///  |family|dst_len|src_len| tos  |table |protocol |scope  | type   | flags (u32)    |   rtmsg
///  |family|dst_len|src_len| tos  |table | res1    | res2  | action | flags (u32)    |   fib_rule_hdr
///  +------+-------+-------+------+------+---------+-------+--------+----------------+
/// </code>
/// The 8-bit table byte cannot name tables ≥ 256; those live only in RTA_TABLE / FRA_TABLE.
/// </summary>
internal readonly record struct RouteMessageHeader(
    byte Family,
    byte DestinationLength,
    byte SourceLength,
    byte Tos,
    byte Table,
    byte Protocol,
    byte Scope,
    byte Type,
    uint Flags)
{
    public const int Size = 12;

    /// <summary>fib_rule_hdr.action shares rtmsg's type byte.</summary>
    public byte Action => Type;

    public static RouteMessageHeader Read(ReadOnlySpan<byte> source) => new(
        source[0], source[1], source[2], source[3], source[4], source[5], source[6], source[7],
        MemoryMarshal.Read<uint>(source[8..]));

    public void Write(Span<byte> destination)
    {
        destination[0] = Family;
        destination[1] = DestinationLength;
        destination[2] = SourceLength;
        destination[3] = Tos;
        destination[4] = Table;
        destination[5] = Protocol;
        destination[6] = Scope;
        destination[7] = Type;
        uint flags = Flags;
        MemoryMarshal.Write(destination[8..], in flags);
    }
}
