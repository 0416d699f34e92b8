using System.Net.Sockets;
using BootRoute.Model;
using BootRoute.Settings;

namespace BootRoute.Planning;

/// <summary>
/// The IPv6 half of a plan, made from the IPv4 half's NICs, slots and primary: the same
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
    /// <returns>Null when IPv6 is off or fewer than two NICs have an IPv6 side (policy routing would change nothing).</returns>
    public static RoutingPlan? Plan(
        AgentSettings settings, HostSnapshot snapshot, IReadOnlyList<PlannedInterface> managed, IReadOnlyList<HeldInterface> held, List<string> notes)
    {
        if (!settings.Routing.IPv6)
        {
            return null;
        }
        var sides = managed
            .Select(nic => (Planned: nic, Link: snapshot.FindLink(nic.Name)))
            .Where(nic => nic.Link is not null)
            .Select(nic => (nic.Planned, Found: IPv6Interface.Find(snapshot, nic.Link!)))
            .ToList();
        notes.AddRange(sides.Select(nic => nic.Found.Problem).Where(IsWorthANote).Select(problem => $"{problem}: managed in IPv4 only"));
        var interfaces = sides.Where(nic => nic.Found.Found is not null)
            .Select(nic => ForIPv6(nic.Planned, nic.Found.Found!))
            .Concat(OnlyIPv6(settings, snapshot, managed, held))
            .ToList();
        if (interfaces.Count < 2)
        {
            return null;
        }
        string primary = managed.FirstOrDefault(nic => nic.IsPrimary && interfaces.Any(ipv6 => ipv6.Name == nic.Name))?.Name
            ?? MainDefaultHolder(snapshot, interfaces) ?? interfaces.MinBy(nic => nic.LinkIndex)!.Name;
        interfaces = interfaces.Select(nic => nic with { IsPrimary = nic.Name == primary }).ToList();
        var prefixes = interfaces.ToDictionary(nic => nic.Name, nic => IPv6Interface.Find(snapshot, snapshot.FindLink(nic.Name)!).Found!.Prefixes);
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
            Held = held,
        };
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

    /// <summary>
    /// Automatic mode also manages a NIC that has IPv6 but no IPv4 lease, in the lowest slot no
    /// IPv4 NIC (managed or held) has; configured NICs come only from the IPv4 half.
    /// </summary>
    private static IEnumerable<PlannedInterface> OnlyIPv6(
        AgentSettings settings, HostSnapshot snapshot, IReadOnlyList<PlannedInterface> managed, IReadOnlyList<HeldInterface> held)
    {
        if (!settings.IsAutomatic)
        {
            yield break;
        }
        var tables = managed.Select(nic => nic.Table).Concat(held.Select(nic => nic.Table)).ToHashSet();
        int slot = 0;
        foreach (var link in snapshot.Links.Where(link => AutomaticSelection.WhyNot(link) is null
                     && managed.All(nic => nic.Name != link.Name) && held.All(nic => nic.Name != link.Name))
                     .OrderBy(link => link.Name, NaturalNameComparer.Instance))
        {
            if (IPv6Interface.Find(snapshot, link).Found is not { } side)
            {
                continue;
            }
            do
            {
                slot++;
            }
            while (tables.Contains(Candidates.TableOf(settings, slot, null)));
            tables.Add(Candidates.TableOf(settings, slot, null));
            yield return ForIPv6(new PlannedInterface
            {
                Name = link.Name,
                Slot = slot,
                Address = side.PreferredSource,
                PrefixLength = 128,
                Addresses = [],
                Gateway = side.Router,
                Table = Candidates.TableOf(settings, slot, null),
                Priority = Candidates.PriorityOf(settings, slot),
                IsPrimary = false,
                Lease = KernelLease(link.Name, side, 128),
                LinkIndex = link.Index,
            }, side);
        }
    }

    /// <summary>Which of the NICs holds the main table's IPv6 default now (the lowest metric wins, as in the kernel).</summary>
    private static string? MainDefaultHolder(HostSnapshot snapshot, List<PlannedInterface> among) =>
        snapshot.IPv6.Routes
            .Where(route => route.Table == RoutingTables.Main && route.IsDefault && route.Type == RouteType.Unicast
                && among.Any(nic => nic.Name == route.Device))
            .OrderBy(route => route.Metric ?? 0)
            .FirstOrDefault()?.Device;
}
