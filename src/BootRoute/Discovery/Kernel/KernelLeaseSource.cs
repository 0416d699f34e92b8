using BootRoute.Model;

namespace BootRoute.Discovery.Kernel;

/// <summary>
/// The last resort: reads a lease from what a DHCP client left in the kernel when none of its own
/// records could be read. A global-scope address without IFA_F_PERMANENT ("dynamic") is the kernel's
/// trace of a DHCP lease, and the DHCP client's default route through the same link gives the gateway.
/// A secondary's default is the one trace apply removes (DEFROUTE=no): <paramref name="removedDefaults"/>
/// gives the ones state.json recorded, so the next apply still sees that NIC's lease instead of
/// calling the instance single-homed. Pure over the snapshot and that record. A link with no such
/// route has no lease here and no diagnostic either: a fallback that finds nothing is normal, and the
/// earlier sources already said what they missed.
/// </summary>
/// <param name="removedDefaults">The DHCP clients' main-table defaults a past apply removed; asked for only when needed (the run's state store reads the file once).</param>
internal sealed class KernelLeaseSource(Func<IReadOnlyList<Route>>? removedDefaults = null) : ILeaseSource
{
    public const string SourceName = LeaseSourceNames.Kernel;

    private readonly Func<IReadOnlyList<Route>> _removedDefaults = removedDefaults ?? (() => []);

    public string Name => SourceName;

    public LeaseReadResult Read(HostSnapshot snapshot) => PrimaryAddressLeases.Read(snapshot, dynamic: true, DefaultRouteOf, SourceName);

    /// <summary>
    /// The default route a DHCP client installed for <paramref name="device"/>, in any table (see
    /// <see cref="PrimaryAddressLeases.ForeignDefault"/> for whose routes count). Proto dhcp
    /// (networkd, NetworkManager, dhcpcd) is the surest sign of a DHCP client, then proto boot
    /// (dhclient-script's plain `ip route add`), then anything else (static); the lowest metric breaks
    /// ties because that is the route the kernel itself uses.
    /// </summary>
    private Route? DefaultRouteOf(HostSnapshot snapshot, string device) =>
        PrimaryAddressLeases.ForeignDefault(snapshot, _removedDefaults, device, routes => routes
            .OrderBy(r => r.Protocol switch { RouteProtocols.Dhcp => 0, RouteProtocols.Boot => 1, _ => 2 })
            .ThenBy(r => r.Metric ?? 0)
            .ThenBy(r => r.Table)
            .FirstOrDefault());
}
