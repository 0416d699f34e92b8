using BootRoute.Model;

namespace BootRoute.Discovery.Kernel;

/// <summary>
/// The last resort: reads a lease from what a DHCP client left in the kernel when none of its own
/// records could be read. A global-scope address without IFA_F_PERMANENT ("dynamic") is the kernel's
/// trace of a DHCP lease, and the DHCP client's default route through the same link gives the gateway.
/// Pure over the snapshot. A link with no such route has no lease here and no diagnostic either: a
/// fallback that finds nothing is normal, and the earlier sources already said what they missed.
/// </summary>
internal sealed class KernelLeaseSource : ILeaseSource
{
    public const string SourceName = LeaseSourceNames.Kernel;

    public string Name => SourceName;

    public LeaseReadResult Read(HostSnapshot snapshot) => PrimaryAddressLeases.Read(snapshot, dynamic: true, DefaultRouteOf, SourceName);

    /// <summary>
    /// The default route a DHCP client installed for <paramref name="device"/>, in any table. Our own
    /// routes are skipped: reading them back would make BootRoute its own source of truth. Among the
    /// rest, proto dhcp (networkd, NetworkManager, dhcpcd) is the surest sign of a DHCP client, then
    /// proto boot (dhclient-script's plain `ip route add`), then anything else (static); the lowest
    /// metric breaks ties because that is the route the kernel itself uses.
    /// </summary>
    private static Route? DefaultRouteOf(HostSnapshot snapshot, string device) =>
        snapshot.Routes
            .Where(r => r.IsDefault && r.Type == RouteType.Unicast && r.Device == device
                && r.Protocol != RouteProtocols.BootRoute && r.Gateway is not null)
            .OrderBy(r => r.Protocol switch { RouteProtocols.Dhcp => 0, RouteProtocols.Boot => 1, _ => 2 })
            .ThenBy(r => r.Metric ?? 0)
            .ThenBy(r => r.Table)
            .FirstOrDefault();
}
