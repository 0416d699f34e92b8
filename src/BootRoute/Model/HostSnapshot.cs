namespace BootRoute.Model;

/// <summary>
/// The kernel's IPv4 routing state at one moment: everything the planner and the diff need to know
/// about the host, read in one rtnetlink dump.
/// </summary>
public sealed record HostSnapshot(
    IReadOnlyList<Link> Links,
    IReadOnlyList<InterfaceAddress> Addresses,
    IReadOnlyList<Route> Routes,
    IReadOnlyList<PolicyRule> Rules)
{
    public Link? FindLink(string name) => Links.FirstOrDefault(link => link.Name == name);

    public IEnumerable<InterfaceAddress> AddressesOf(string interfaceName) =>
        Addresses.Where(address => address.InterfaceName == interfaceName);

    public IEnumerable<Route> RoutesIn(uint table) => Routes.Where(route => route.Table == table);
}
