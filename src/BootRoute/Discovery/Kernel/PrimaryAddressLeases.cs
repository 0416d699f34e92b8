using System.Net.Sockets;
using BootRoute.Model;

namespace BootRoute.Discovery.Kernel;

/// <summary>
/// What the kernel-reading lease sources share: each NIC's primary global IPv4 address of one kind
/// (dynamic: a DHCP client's; permanent: a static configuration's) paired with a default route through
/// the NIC, as a lease. A secondary address is an alias someone added beside it (a VIP, a floating IP
/// added by hand), never what the NIC was configured with.
/// </summary>
internal static class PrimaryAddressLeases
{
    /// <param name="dynamic">Which addresses count: dynamic ones (a lease) or permanent ones (static).</param>
    /// <param name="defaultRoute">The default route through the named NIC that gives the gateway, or null.</param>
    /// <param name="source">How each lease names where it came from.</param>
    public static LeaseReadResult Read(HostSnapshot snapshot, bool dynamic, Func<HostSnapshot, string, Route?> defaultRoute, string source)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var leases = new List<Lease>();
        foreach (var link in snapshot.Links.Where(l => !l.IsLoopback))
        {
            var address = PrimaryAddress(snapshot, link, dynamic);
            if (address is null || defaultRoute(snapshot, link.Name) is not { Gateway: { } gateway })
            {
                continue;
            }
            leases.Add(new Lease(link.Name, address.Address, address.PrefixLength, gateway, [], source));
        }
        return new LeaseReadResult(leases.OrderBy(l => l.Interface, StringComparer.Ordinal).ToList(), []);
    }

    /// <summary>
    /// The default route through <paramref name="device"/> that <paramref name="choose"/> picks among
    /// those someone other than BootRoute made: BootRoute's own are skipped, or it would become its own
    /// source of truth. A live route wins over one apply removed (<paramref name="removed"/>, from
    /// state.json, asked for only when no live one is there): a client that put its default back
    /// knows the gateway best.
    /// </summary>
    public static Route? ForeignDefault(HostSnapshot snapshot, Func<IReadOnlyList<Route>> removed, string device, Func<IEnumerable<Route>, Route?> choose)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(removed);
        ArgumentNullException.ThrowIfNull(choose);
        return choose(Foreign(snapshot.Routes, device)) ?? choose(Foreign(removed(), device));
    }

    private static IEnumerable<Route> Foreign(IEnumerable<Route> routes, string device) =>
        routes.Where(r => r.IsDefault && r.Type == RouteType.Unicast && r.Device == device
            && r.Protocol != RouteProtocols.BootRoute && r.Gateway is not null);

    /// <summary>The NIC's primary global IPv4 address of that kind, or null.</summary>
    public static InterfaceAddress? PrimaryAddress(HostSnapshot snapshot, Link link, bool dynamic) =>
        snapshot.Addresses.FirstOrDefault(a => a.InterfaceIndex == link.Index && a.Scope == RouteScope.Universe && a.IsDynamic == dynamic
            && !a.IsSecondary && a.Address.AddressFamily == AddressFamily.InterNetwork);
}
