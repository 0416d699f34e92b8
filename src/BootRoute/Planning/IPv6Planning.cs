using System.Net.Sockets;
using BootRoute.Model;
using BootRoute.Settings;

namespace BootRoute.Planning;

/// <summary>
/// The IPv6 half of a plan, made from the IPv4 half's NICs, slots and primary, plus the NICs IPv4
/// leaves out that have IPv6 (held for their IPv4 data, or without IPv4 at all), in their own slots: the same
/// <see cref="RoutingPlan"/> shape, so the diff, clashes, adoption and removal run on it unchanged
/// (on <see cref="HostSnapshot.InFamily"/>'s IPv6 view). Per NIC with an IPv6 side
/// (<see cref="IPv6Interface"/>): its table (the same id as IPv4's) holds its prefixes and the
/// default via its router, and a rule per prefix at its priority sends traffic from any address in
/// the prefix there, so SLAAC's privacy addresses are covered as they come. Pure.
/// </summary>
internal static class IPv6Planning
{
    /// <summary>IP6_RT_PRIO_USER: the metric the kernel gives an IPv6 route added without one, written out so a route reads back as planned.</summary>
    public const uint DefaultMetric = 1024;

    /// <param name="managed">The IPv4 half's NICs: their slots, tables, priorities and primary carry over.</param>
    /// <param name="held">
    /// NICs IPv4 leaves alone: one held for its IPv4 data (no lease, a bad gateway) is still managed
    /// in IPv6 in its slot when it has an IPv6 side; one the kernel refused stays held here too.
    /// </param>
    /// <param name="ipv6Only">NICs with IPv6 but no IPv4 lease (automatic mode), in the slots <see cref="Candidates"/> gave them.</param>
    /// <returns>Null when IPv6 is off or fewer than two NICs have an IPv6 side (policy routing would change nothing).</returns>
    public static RoutingPlan? Plan(
        AgentSettings settings, HostSnapshot snapshot, IReadOnlyList<PlannedInterface> managed, IReadOnlyList<HeldInterface> held,
        IReadOnlyList<InterfaceSlot> ipv6Only, List<string> notes)
    {
        if (!settings.Routing.IPv6)
        {
            return null;
        }
        var sides = managed.Select(nic => (Planned: nic, Found: SideOf(snapshot, nic.Name))).ToList();
        notes.AddRange(sides.Select(nic => nic.Found.Problem).Where(IsWorthANote).Select(problem => $"{problem}: managed in IPv4 only"));
        var unleased = held.Where(nic => !nic.RefusedByKernel).Select(nic => (nic.Name, nic.Slot, nic.Table, nic.Priority))
            .Concat(ipv6Only.Select(nic => (Name: nic.Interface, nic.Slot, Table: Candidates.TableOf(settings, nic.Slot, null), Priority: Candidates.PriorityOf(settings, nic.Slot))));
        var interfaces = sides.Where(nic => nic.Found.Found is not null)
            .Select(nic => ForIPv6(nic.Planned, nic.Found.Found!))
            .Concat(unleased.Select(nic => (Unleased: nic, Link: snapshot.FindLink(nic.Name)))
                .Where(nic => nic.Link is not null && IPv6Interface.Find(snapshot, nic.Link).Found is not null)
                .Select(nic => WithoutIPv4(nic.Unleased, nic.Link!, IPv6Interface.Find(snapshot, nic.Link!).Found!)))
            .ToList();
        if (interfaces.Count < 2 || PrimaryOf(settings, snapshot, managed, interfaces, notes) is not { } primary)
        {
            return null;
        }
        interfaces = interfaces.Select(nic => nic with { IsPrimary = nic.Name == primary }).ToList();
        var prefixes = interfaces.ToDictionary(nic => nic.Name, nic => SideOf(snapshot, nic.Name).Found!.Prefixes);
        var rules = new List<PolicyRule> { new(settings.Routing.PriorityBase, null, RoutingTables.Main, SuppressPrefixLength: 0, Family: AddressFamily.InterNetworkV6) };
        rules.AddRange(interfaces.SelectMany(nic => prefixes[nic.Name].Select(prefix =>
            new PolicyRule(nic.Priority, prefix, nic.Table, Family: AddressFamily.InterNetworkV6))));
        var tables = interfaces.Select(nic => new RoutingTable(nic.Table, nic.Name, [
            .. prefixes[nic.Name].Where(prefix => prefix.PrefixLength < 128).Select(prefix => new Route(nic.Table, prefix, nic.Name, Metric: DefaultMetric)),
            new Route(nic.Table, IPNetworkExtensions.DefaultIPv6, nic.Name, nic.Gateway, Metric: DefaultMetric),
        ])).ToList();
        var main = interfaces.Single(nic => nic.IsPrimary);
        return new RoutingPlan(interfaces, tables, rules, new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv6, main.Name, main.Gateway, Metric: DefaultMetric))
        {
            // A secondary's router would put its main default back at its next advertisement.
            Sysctls = interfaces.Where(nic => !nic.IsPrimary)
                .Select(nic => new SysctlValue(SysctlKeys.AcceptRouterAdvertisementDefault(nic.Name), "0")).ToList(),
            // A NIC held for its IPv4 data but managed in IPv6 is IPv6's to change.
            Held = held.Where(nic => interfaces.All(ipv6 => ipv6.Name != nic.Name)).ToList(),
        };
    }

    private static (IPv6Interface? Found, string? Problem) SideOf(HostSnapshot snapshot, string name) =>
        snapshot.FindLink(name) is { } link ? IPv6Interface.Find(snapshot, link) : (null, null);

    /// <summary>
    /// The configured IPv6 primary (<c>interfaces[].primary_ipv6</c>); else the IPv4 primary when it
    /// has an IPv6 side; else the NIC holding the main IPv6 default now; else the lowest ifindex.
    /// Null, with a note, when the configured one has no IPv6 side: moving the main IPv6 default to
    /// another NIC could cut the path the instance is reached by.
    /// </summary>
    private static string? PrimaryOf(
        AgentSettings settings, HostSnapshot snapshot, IReadOnlyList<PlannedInterface> managed, List<PlannedInterface> interfaces, List<string> notes)
    {
        if (settings.Interfaces.FirstOrDefault(selection => selection.PrimaryIPv6 == true) is { } configured)
        {
            string? name = configured.FindLink(snapshot)?.Name;
            if (interfaces.Any(nic => nic.Name == name))
            {
                return name;
            }
            notes.Add($"{configured.Label} is the IPv6 primary (interfaces[].primary_ipv6) but has no global IPv6 address and router to manage: "
                + "IPv6 is left as it is, so its path is not cut");
            return null;
        }
        return managed.FirstOrDefault(nic => nic.IsPrimary && interfaces.Any(ipv6 => ipv6.Name == nic.Name))?.Name
            ?? MainDefaultHolder(snapshot, interfaces) ?? interfaces.MinBy(nic => nic.LinkIndex)!.Name;
    }

    /// <summary>An IPv4-only NIC is normal; one with IPv6 that cannot be used is worth a line in the report.</summary>
    private static bool IsWorthANote(string? problem) => problem is not null && !problem.EndsWith(": no global IPv6 address", StringComparison.Ordinal);

    private static PlannedInterface ForIPv6(PlannedInterface nic, IPv6Interface side)
    {
        var source = side.Addresses.First(address => address.Address.Equals(side.PreferredSource));
        return nic with
        {
            Address = side.PreferredSource,
            PrefixLength = source.PrefixLength,
            Addresses = side.Addresses.Select(address => address.Address).ToList(),
            Gateway = side.Router,
            FloatingIp = null,
            DiscoverFloatingIp = false,
            Lease = KernelLease(nic.Name, side, source.PrefixLength),
        };
    }

    /// <summary>What the kernel learnt for the NIC stands in the place of a DHCP lease, as the kernel lease source's does.</summary>
    private static Lease KernelLease(string name, IPv6Interface side, int prefixLength) =>
        new(name, side.PreferredSource, prefixLength, side.Router, [], "kernel: IPv6 address and router");

    /// <summary>A NIC managed in IPv6 only, in the slot, table and priority it has whether managed or held.</summary>
    private static PlannedInterface WithoutIPv4((string Name, int Slot, uint Table, uint Priority) nic, Link link, IPv6Interface side) =>
        ForIPv6(new PlannedInterface
        {
            Name = nic.Name,
            Slot = nic.Slot,
            Address = side.PreferredSource,
            PrefixLength = 128,
            Addresses = [],
            Gateway = side.Router,
            Table = nic.Table,
            Priority = nic.Priority,
            IsPrimary = false,
            Lease = KernelLease(nic.Name, side, 128),
            LinkIndex = link.Index,
        }, side);

    /// <summary>Which of the NICs holds the main table's IPv6 default now (the lowest metric wins, as in the kernel).</summary>
    private static string? MainDefaultHolder(HostSnapshot snapshot, List<PlannedInterface> among) =>
        snapshot.IPv6.Routes
            .Where(route => route.Table == RoutingTables.Main && route.IsDefault && route.Type == RouteType.Unicast
                && among.Any(nic => nic.Name == route.Device))
            .OrderBy(route => route.Metric ?? 0)
            .FirstOrDefault()?.Device;
}
