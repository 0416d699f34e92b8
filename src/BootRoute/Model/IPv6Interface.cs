using System.Net;

namespace BootRoute.Model;

/// <summary>
/// A NIC's IPv6 side as the kernel holds it: its global addresses (SLAAC stable and temporary,
/// DHCPv6, static), the prefixes they are in, and its router: the next hop of the default route a
/// router advertisement gave it (usually link-local). Source rules go by prefix rather than by
/// address, so the privacy addresses SLAAC keeps making are covered without a new run for each.
/// </summary>
public sealed record IPv6Interface(Link Link, IReadOnlyList<InterfaceAddress> Addresses, IReadOnlyList<IPNetwork> Prefixes, IPAddress Router)
{
    /// <summary>The first stable (not temporary) address: the source the NIC's table routes name.</summary>
    public IPAddress PreferredSource => (Addresses.FirstOrDefault(address => !address.IsTemporary) ?? Addresses[0]).Address;

    /// <returns>
    /// The NIC's IPv6 side (the kernel's global addresses past duplicate address detection, with
    /// those <see cref="HostSnapshot.IPv6Leases"/> name for the NIC even while tentative or not yet in
    /// the kernel; the kernel's router, else a source's), or why it has none to manage: no global address (IPv4 only, or still
    /// in duplicate address detection), no router, or a router that cannot be a next hop.
    /// </returns>
    public static (IPv6Interface? Found, string? Problem) Find(HostSnapshot snapshot, Link link)
    {
        var leases = snapshot.IPv6Leases.Where(lease => lease.Interface == link.Name).ToList();
        var kernel = snapshot.IPv6.Addresses
            .Where(address => address.InterfaceName == link.Name && address.IsIPv6 && address.Scope == RouteScope.Universe
                && (!address.IsTentative || leases.Any(lease => lease.Address.Equals(address.Address))))
            .ToList();
        // A source's address the kernel does not hold yet (static, config drive) is the NIC's all the same.
        var addresses = kernel
            .Concat(leases.Where(lease => kernel.All(address => !address.Address.Equals(lease.Address)))
                .DistinctBy(lease => lease.Address)
                .Select(lease => new InterfaceAddress(link.Index, link.Name, lease.Address, lease.PrefixLength, RouteScope.Universe)))
            // A renumbered prefix's deprecated address last: the preferred source is a current stable one.
            .OrderBy(address => address.IsDeprecated ? 1 : 0)
            .ThenBy(address => address.IsTemporary ? 1 : 0)
            .ThenBy(address => address.Address.ToString(), StringComparer.Ordinal)
            .ToList();
        if (addresses.Count == 0)
        {
            return (null, $"{link.Name}: no global IPv6 address");
        }
        if ((RouterOf(snapshot, link.Name) ?? leases.Select(lease => lease.Router).FirstOrDefault(router => router is not null)) is not { } router)
        {
            return (null, $"{link.Name}: no IPv6 router (no default route on it, from a router advertisement or static)");
        }
        if (NextHop.WhyNotIPv6(router, snapshot) is { } why)
        {
            return (null, $"{link.Name}: IPv6 router {router} cannot be a next hop: it is {why}");
        }
        var prefixes = addresses.Select(address => PrefixOf(snapshot, link.Name, address)).Distinct().ToList();
        return (new IPv6Interface(link, addresses, prefixes, router), null);
    }

    /// <summary>
    /// The router of a NIC: a router advertisement's default in main first (what the kernel learnt
    /// now), then BootRoute's own in the NIC's table (what a run before found, once the secondary's
    /// main default is gone), then any other default on the NIC; the lowest metric within each.
    /// </summary>
    private static IPAddress? RouterOf(HostSnapshot snapshot, string name) =>
        snapshot.IPv6.Routes
            .Where(route => route.IsDefault && route.Type == RouteType.Unicast && route.Device == name && route.Gateway is not null)
            .OrderBy(route => route.Protocol == RouteProtocols.RouterAdvertisement && route.Table == RoutingTables.Main ? 0
                : route.Protocol == RouteProtocols.BootRoute ? 1 : 2)
            .ThenBy(route => route.Metric ?? 0)
            .FirstOrDefault()?.Gateway;

    /// <summary>
    /// The prefix an address is in: its own prefix length, or for a /128 (DHCPv6 gives those) the
    /// narrowest on-link route of the NIC in main that holds it, which the router advertised.
    /// </summary>
    private static IPNetwork PrefixOf(HostSnapshot snapshot, string name, InterfaceAddress address)
    {
        if (address.PrefixLength < 128)
        {
            return address.Network;
        }
        return snapshot.IPv6.Routes
            .Where(route => route.Table == RoutingTables.Main && route.Device == name && route.Gateway is null && route.Type == RouteType.Unicast
                && route.Destination.PrefixLength is > 0 and < 128 && route.Destination.Contains(address.Address))
            .OrderByDescending(route => route.Destination.PrefixLength)
            .Select(route => route.Destination)
            .FirstOrDefault(address.Network);
    }
}
