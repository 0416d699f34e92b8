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
/// Fields are set by name: nine positional bytes are too easy to swap, and most requests leave most
/// of them zero.
/// </summary>
internal readonly record struct RouteMessageHeader
{
    public byte Family { get; init; }
    public byte DestinationLength { get; init; }
    public byte SourceLength { get; init; }
    public byte Tos { get; init; }
    public byte Table { get; init; }
    public byte Protocol { get; init; }
    public byte Scope { get; init; }
    public byte Type { get; init; }
    public uint Flags { get; init; }

    public const int Size = 12;

    /// <summary>fib_rule_hdr.action shares rtmsg's type byte.</summary>
    public byte Action => Type;

    public static RouteMessageHeader Read(ReadOnlySpan<byte> source) => new()
    {
        Family = source[0],
        DestinationLength = source[1],
        SourceLength = source[2],
        Tos = source[3],
        Table = source[4],
        Protocol = source[5],
        Scope = source[6],
        Type = source[7],
        Flags = MemoryMarshal.Read<uint>(source[8..]),
    };

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
