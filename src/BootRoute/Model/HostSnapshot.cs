using System.Net.Sockets;

namespace BootRoute.Model;

/// <summary>
/// The kernel's routing state at one moment: everything the planner and the diff need to know about
/// the host, read in one rtnetlink dump per family. <see cref="Addresses"/>, <see cref="Routes"/> and
/// <see cref="Rules"/> are IPv4's; <see cref="IPv6"/> holds the same three lists for IPv6, and
/// <see cref="InFamily"/> gives the snapshot as one family sees it, so the family-blind parts (diff,
/// clashes, adoption, removal) run unchanged on either.
/// </summary>
public sealed record HostSnapshot(
    IReadOnlyList<Link> Links,
    IReadOnlyList<InterfaceAddress> Addresses,
    IReadOnlyList<Route> Routes,
    IReadOnlyList<PolicyRule> Rules)
{
    /// <summary>Network sysctls by procfs key (net/ipv4/conf/ens4/rp_filter); only the keys BootRoute reads.</summary>
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The IPv6 addresses, routes (every table) and rules; empty where the kernel has no IPv6.</summary>
    public FamilyState IPv6 { get; init; } = FamilyState.Empty;

    /// <summary>
    /// The global IPv6 addresses (and routers) lease sources other than the kernel know (not the
    /// kernel's state: <see cref="IPv6Interface.Find"/> merges them with it). Set by discovery.
    /// </summary>
    public IReadOnlyList<IPv6Lease> IPv6Leases { get; init; } = [];

    public Link? FindLink(string name) => Links.FirstOrDefault(link => link.Name == name);

    public IEnumerable<InterfaceAddress> AddressesOf(string interfaceName) =>
        Addresses.Where(address => address.InterfaceName == interfaceName);

    /// <summary>The snapshot with one family's addresses, routes and rules in the top-level lists.</summary>
    public HostSnapshot InFamily(AddressFamily family) => family == AddressFamily.InterNetworkV6
        ? this with { Addresses = IPv6.Addresses, Routes = IPv6.Routes, Rules = IPv6.Rules, IPv6 = FamilyState.Empty }
        : this;
}

/// <summary>One address family's part of a <see cref="HostSnapshot"/>.</summary>
public sealed record FamilyState(IReadOnlyList<InterfaceAddress> Addresses, IReadOnlyList<Route> Routes, IReadOnlyList<PolicyRule> Rules)
{
    public static readonly FamilyState Empty = new([], [], []);
}
