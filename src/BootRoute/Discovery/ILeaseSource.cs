using BootRoute.Model;

namespace BootRoute.Discovery;

/// <summary>
/// One place DHCP leases can be read from (a DHCP client's lease files, cloud metadata, …). Returns
/// the current lease of every interface it knows, and diagnostics (unreadable file, bad block) that
/// the report shows instead of swallowing them.
/// </summary>
public interface ILeaseSource
{
    string Name { get; }

    /// <param name="snapshot">The kernel's links, addresses and routes: for sources that name NICs by MAC
    /// or ifindex (network_data.json, networkd, NetworkManager) and for the kernel's own routes.</param>
    LeaseReadResult Read(HostSnapshot snapshot);
}

public sealed record LeaseReadResult(IReadOnlyList<Lease> Leases, IReadOnlyList<string> Diagnostics)
{
    /// <summary>The global IPv6 addresses the source knows, where its format carries them (OpenStack, dhclient -6).</summary>
    public IReadOnlyList<IPv6Lease> IPv6 { get; init; } = [];
}
