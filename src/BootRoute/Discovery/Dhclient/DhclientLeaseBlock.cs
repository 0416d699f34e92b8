using BootRoute.Model;

namespace BootRoute.Discovery.Dhclient;

/// <summary>
/// One <c>lease { … }</c> block, already resolved to a <see cref="Lease"/>. <see cref="Line"/> is where
/// the block starts; renew and rebind are kept for the report (<see cref="Lease"/> only has the expiry).
/// </summary>
internal sealed record DhclientLeaseBlock(int Line, Lease Lease, DateTimeOffset? Renew, DateTimeOffset? Rebind);

/// <summary>Every well-formed block of one file in file order, and one diagnostic line per block that was not.</summary>
internal sealed record DhclientLeaseFile(IReadOnlyList<DhclientLeaseBlock> Blocks, IReadOnlyList<string> Diagnostics)
{
    /// <summary>dhclient appends each new lease, so the last block of an interface is its current one.</summary>
    public IReadOnlyList<DhclientLeaseBlock> LastPerInterface() =>
        Blocks.GroupBy(b => b.Lease.Interface, StringComparer.Ordinal).Select(g => g.Last()).ToList();
}
