using BootRoute.Discovery.Kernel;
using BootRoute.Model;

namespace BootRoute.Discovery.Static;

/// <summary>
/// NICs configured without DHCP (ifupdown <c>inet static</c>, netplan <c>addresses:</c>, networkd
/// <c>Address=</c>, NetworkManager <c>method=manual</c>, ifcfg <c>BOOTPROTO=none</c>): every one of
/// those stacks leaves the same trace in the kernel, a permanent (not "dynamic") global address and a
/// default route in main through the NIC. That pair stands in for a lease, so a static primary with
/// DHCP secondaries is managed like an all-DHCP host instead of being passed over as "no lease".
/// Reading the kernel rather than the stacks' files keeps this source true to what is in force (a
/// file edited but not applied is not) and works for every stack alike. Pure over the snapshot.
/// </summary>
internal sealed class StaticAddressLeaseSource : ILeaseSource
{
    public const string SourceName = LeaseSourceNames.Static;

    /// <summary>How a lease from here names its origin in reports.</summary>
    public const string Origin = "static: permanent address and default route in the kernel";

    public string Name => SourceName;

    public LeaseReadResult Read(HostSnapshot snapshot) => PrimaryAddressLeases.Read(snapshot, dynamic: false, MainDefaultOf, Origin);

    /// <summary>
    /// The main table's default through <paramref name="device"/> that someone other than BootRoute
    /// installed (the lowest metric, as the kernel picks). Main only: a default in another table is
    /// policy routing someone already set up, not the NIC's own configuration. BootRoute's own routes
    /// are skipped so that it never becomes its own source of truth.
    /// </summary>
    private static Route? MainDefaultOf(HostSnapshot snapshot, string device) =>
        snapshot.Routes
            .Where(r => r.Table == RoutingTables.Main && r.IsDefault && r.Type == RouteType.Unicast && r.Device == device
                && r.Protocol != RouteProtocols.BootRoute && r.Gateway is not null)
            .OrderBy(r => r.Metric ?? 0)
            .FirstOrDefault();
}
