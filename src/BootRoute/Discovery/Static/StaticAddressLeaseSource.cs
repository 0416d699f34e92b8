using BootRoute.Discovery.Kernel;
using BootRoute.Model;

namespace BootRoute.Discovery.Static;

/// <summary>
/// NICs configured without DHCP (ifupdown <c>inet static</c>, netplan <c>addresses:</c>, networkd
/// <c>Address=</c>, NetworkManager <c>method=manual</c>, ifcfg <c>BOOTPROTO=none</c>): every one of
/// those stacks leaves the same trace in the kernel, a permanent (not "dynamic") global address and a
/// default route in main through the NIC. That pair stands in for a lease, so a static primary with
/// DHCP secondaries is managed like an all-DHCP host instead of being passed over as "no lease".
/// Reading the kernel first keeps this source true to what is in force (a file edited but not applied
/// is not) and works for every stack alike. A static secondary usually has no default in the kernel
/// (DEFROUTE=no, never-default): its gateway then comes from the image's configuration of that NIC,
/// and only of that very address (<paramref name="configuredGateway"/>, the one reader of files here).
/// </summary>
/// <param name="configuredGateway">The gateway the image's network stack configures for a NIC with that static address; null to read the kernel only.</param>
/// <param name="removedDefaults">The main-table defaults a past apply removed (state.json): a static secondary's is one of them.</param>
internal sealed class StaticAddressLeaseSource(
    Func<Link, System.Net.IPAddress, ConfiguredGateway?>? configuredGateway = null, Func<IReadOnlyList<Route>>? removedDefaults = null) : ILeaseSource
{
    private readonly Func<IReadOnlyList<Route>> _removedDefaults = removedDefaults ?? (() => []);

    public const string SourceName = LeaseSourceNames.Static;

    /// <summary>How a lease from here names its origin in reports.</summary>
    public const string Origin = "static: permanent address and default route in the kernel";

    public string Name => SourceName;

    public LeaseReadResult Read(HostSnapshot snapshot)
    {
        var fromKernel = PrimaryAddressLeases.Read(snapshot, dynamic: false, MainDefaultOf, Origin);
        if (configuredGateway is null)
        {
            return fromKernel;
        }
        var leases = fromKernel.Leases.ToList();
        var diagnostics = new List<string>();
        foreach (var link in snapshot.Links.Where(link => !link.IsLoopback && leases.All(lease => lease.Interface != link.Name)))
        {
            if (PrimaryAddressLeases.PrimaryAddress(snapshot, link, dynamic: false) is not { } address)
            {
                continue;
            }
            ConfiguredGateway? found;
            try
            {
                found = configuredGateway(link, address.Address);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add($"static: {link.Name}: the image's network configuration cannot be read for its gateway: {error.Message}");
                continue;
            }
            if (found is not null)
            {
                leases.Add(new Lease(link.Name, address.Address, address.PrefixLength, found.Gateway, [], $"static: {found.File}"));
            }
        }
        return new LeaseReadResult(leases.OrderBy(lease => lease.Interface, StringComparer.Ordinal).ToList(), diagnostics);
    }

    /// <summary>
    /// The main table's default through <paramref name="device"/> that someone other than BootRoute
    /// installed (the lowest metric, as the kernel picks; whose routes count:
    /// <see cref="PrimaryAddressLeases.ForeignDefault"/>). Main only: a default in another table is
    /// policy routing someone already set up, not the NIC's own configuration. A default apply removed
    /// from a secondary (recorded in state.json) still counts, so the next apply sees the same NIC.
    /// </summary>
    private Route? MainDefaultOf(HostSnapshot snapshot, string device) =>
        PrimaryAddressLeases.ForeignDefault(snapshot, _removedDefaults, device, routes => routes
            .Where(r => r.Table == RoutingTables.Main)
            .OrderBy(r => r.Metric ?? 0)
            .FirstOrDefault());
}
