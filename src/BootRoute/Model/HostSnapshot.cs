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
    /// <summary>Network sysctls by procfs key (net/ipv4/conf/ens4/rp_filter); only the keys BootRoute reads.</summary>
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public Link? FindLink(string name) => Links.FirstOrDefault(link => link.Name == name);

    public IEnumerable<InterfaceAddress> AddressesOf(string interfaceName) =>
        Addresses.Where(address => address.InterfaceName == interfaceName);
}
