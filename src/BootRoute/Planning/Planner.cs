using System.Net;
using BootRoute.Model;
using BootRoute.Settings;

namespace BootRoute.Planning;

/// <summary>
/// Turns settings, the kernel's state and the DHCP leases into the desired routing state. Pure: no
/// I/O, and the same input always gives the same plan, so table ids and rule priorities are stable
/// across boots for the same NICs.
/// </summary>
public static class Planner
{
    /// <param name="refusedByKernel">
    /// NICs whose operation the kernel refused in an earlier attempt of this run: planned as held, so
    /// the other NICs converge without them.
    /// </param>
    /// <param name="recordedSlots">Each NIC's slot as the last apply recorded it (state.json), so ids survive a reboot.</param>
    public static PlanningOutcome Plan(
        AgentSettings settings, HostSnapshot snapshot, IReadOnlyList<Lease> leases, IReadOnlyList<HeldInterface>? refusedByKernel = null,
        IReadOnlyList<InterfaceSlot>? recordedSlots = null)
    {
        var notes = new List<string>();
        var (found, held, ipv6Only) = Candidates.Select(settings, snapshot, leases, refusedByKernel ?? [], recordedSlots ?? []);
        notes.AddRange(held.Select(nic => nic.Reason));
        return Decide(settings, snapshot, (found, held, ipv6Only), notes) with { Notes = notes, Held = held };
    }

    private static PlanningOutcome Decide(
        AgentSettings settings, HostSnapshot snapshot, (List<Candidate> Found, List<HeldInterface> Held, List<InterfaceSlot> IPv6Only) nics, List<string> notes)
    {
        var (found, held, ipv6Only) = nics;
        if (found.Count == 0)
        {
            return new PlanningOutcome.Failed(held.Count > 0 ? held.Select(nic => nic.Reason).ToList() : [settings.IsAutomatic
                ? $"no interface has both a lease (DHCP, or static addressing) and its IPv4 address (looked for leases from {settings.Leases.Describe()})"
                : "none of the configured interfaces can be managed"]);
        }
        if (PrimaryHeld(settings, snapshot, found, held) is { } primaryProblem)
        {
            return new PlanningOutcome.Failed([.. held.Select(nic => nic.Reason), primaryProblem]);
        }
        // A configured single NIC is managed as asked; one left over because the others are held is
        // not: its policy routing would change nothing for its traffic. Unless IPv6 has a second NIC
        // (an IPv6-only secondary): then IPv6 needs the plan, and the IPv4 half is that one NIC's.
        if (found.Count == 1 && (settings.IsAutomatic || held.Count > 0)
            && IPv6Planning.Plan(settings, snapshot, Number(settings, found, found[0].Link.Name), held, ipv6Only, []) is null)
        {
            return new PlanningOutcome.NothingToDo(NothingToDoReason.For(settings, snapshot, found[0], held));
        }

        var interfaces = Number(settings, found, ChoosePrimary(found, snapshot));
        var problems = TableProblems(interfaces, held).ToList();
        if (SharedSubnets.Problem(settings, SharedSubnets.Find(interfaces)) is { } sharedProblem)
        {
            problems.Add(sharedProblem);
        }
        return problems.Count > 0
            ? new PlanningOutcome.Failed(problems)
            : new PlanningOutcome.Planned(PlanFor(settings, interfaces, notes) with
            {
                Held = held,
                IPv6 = IPv6Planning.Plan(settings, snapshot, interfaces, held, ipv6Only, notes),
            });
    }

    /// <summary>
    /// The primary's path is never cut: when the NIC that must stay primary (the configured one, else
    /// the one holding the main default now) is held, nothing is planned at all, because the main
    /// default would move to a NIC the instance was not reached by.
    /// </summary>
    private static string? PrimaryHeld(AgentSettings settings, HostSnapshot snapshot, List<Candidate> found, List<HeldInterface> held)
    {
        if (held.Count == 0 || found.Any(candidate => candidate.Selection?.Primary == true))
        {
            return null;
        }
        if (settings.Interfaces.FirstOrDefault(selection => selection.Primary == true) is { } configured)
        {
            return $"{configured.Label} is the primary interface (interfaces[].primary) and cannot be managed: nothing is changed, so its path is not cut";
        }
        var holder = MainDefaultHolder(snapshot, held.Select(nic => nic.Name).Concat(found.Select(candidate => candidate.Link.Name)));
        return holder is not null && held.Any(nic => nic.Name == holder)
            ? $"{holder} holds the main default route and cannot be managed: nothing is changed, so its path is not cut"
            : null;
    }

    /// <summary>Tables and priorities from each NIC's slot, so the same NICs get the same ids on every boot.</summary>
    private static List<PlannedInterface> Number(AgentSettings settings, List<Candidate> candidates, string primaryName) =>
        candidates.Select(candidate => new PlannedInterface
        {
            Name = candidate.Link.Name,
            Slot = candidate.Slot,
            Address = candidate.Leased.Lease.Address,
            PrefixLength = candidate.Leased.PrefixLength,
            Addresses = candidate.Leased.Addresses,
            Gateway = candidate.Leased.Gateway,
            Table = Candidates.TableOf(settings, candidate.Slot, candidate.Selection),
            Priority = Candidates.PriorityOf(settings, candidate.Slot),
            IsPrimary = candidate.Link.Name == primaryName,
            FloatingIp = candidate.Selection?.FloatingIp,
            Lease = candidate.Leased.Lease,
            LinkIndex = candidate.Link.Index,
            DiscoverFloatingIp = candidate.Selection?.DiscoverFloatingIp ?? settings.Verify.EchoUrl is not null,
        }).ToList();

    /// <summary>Held NICs keep their tables, so they count in the clash check too.</summary>
    private static IEnumerable<string> TableProblems(List<PlannedInterface> interfaces, List<HeldInterface> held)
    {
        var tables = interfaces.Select(nic => (nic.Name, nic.Table)).Concat(held.Select(nic => (nic.Name, nic.Table))).ToList();
        foreach (var reserved in tables.Where(nic => RoutingTables.IsReserved(nic.Table)))
        {
            yield return $"{reserved.Name}: table {reserved.Table} is reserved by the kernel (0, 253 default, 254 main, 255 local): "
                + "set routing.table_base or interfaces[].table so no managed interface lands on it";
        }
        foreach (var clash in tables.GroupBy(nic => nic.Table).Where(group => group.Count() > 1))
        {
            yield return $"{string.Join(" and ", clash.Select(nic => nic.Name))} would share table {clash.Key}: "
                + "give each interface its own table";
        }
    }

    private static RoutingPlan PlanFor(AgentSettings settings, List<PlannedInterface> interfaces, List<string> notes)
    {
        var tables = interfaces.Select(nic => TableFor(nic, notes)).ToList();
        var sharing = SharedSubnets.Find(interfaces);
        notes.AddRange(SharedSubnets.Notes(settings, sharing));
        // Ahead of the suppress rule, which would let main's connected route (one NIC's) win for all of them.
        var rules = SharedSubnets.Rules(settings, sharing).ToList();
        // Ahead of the per-source rules so that main's specific routes (the NICs' own subnets,
        // docker0, VPNs) still win; only main's default is suppressed for sourced traffic.
        rules.Add(new PolicyRule(settings.Routing.PriorityBase, Source: null, RoutingTables.Main, SuppressPrefixLength: 0));
        rules.AddRange(interfaces.SelectMany(nic => nic.Addresses.Select(address =>
            new PolicyRule(nic.Priority, new IPNetwork(address, 32), nic.Table))));

        var primary = interfaces.Single(nic => nic.IsPrimary);
        var primaryDefault = new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, primary.Name, primary.Gateway,
            OnLink: !primary.Network.Contains(primary.Gateway));
        return new RoutingPlan(interfaces, tables, rules, primaryDefault) { Sysctls = SysctlsFor(settings.Sysctl, interfaces, sharing) };
    }

    /// <summary>
    /// rp_filter=2 (loose) accepts a packet when any route leads back to its source, so traffic that
    /// arrives on one NIC for another NIC's address is not dropped. arp_filter=1, arp_ignore=1 and
    /// arp_announce=2 make each NIC answer ARP only for its own addresses, which matters when two NICs
    /// share a subnet ("ARP flux": otherwise either NIC may answer for both addresses), so NICs that do
    /// share one get them whatever <c>sysctl.arp_flux</c> says: with the on-subnet rules, arp_filter
    /// answers on a NIC exactly when the reply would leave by it.
    /// </summary>
    private static List<SysctlValue> SysctlsFor(SysctlSettings settings, List<PlannedInterface> interfaces, List<PlannedInterface> sharing)
    {
        var values = new List<SysctlValue>();
        foreach (var nic in interfaces)
        {
            if (settings.LooseReversePathFilter)
            {
                values.Add(new SysctlValue(SysctlKeys.ReversePathFilter(nic.Name), "2"));
            }
            if (settings.ArpFlux || sharing.Contains(nic))
            {
                values.Add(new SysctlValue(SysctlKeys.ArpFilter(nic.Name), "1"));
                values.Add(new SysctlValue(SysctlKeys.ArpIgnore(nic.Name), "1"));
                values.Add(new SysctlValue(SysctlKeys.ArpAnnounce(nic.Name), "2"));
            }
        }
        return values;
    }

    private static RoutingTable TableFor(PlannedInterface nic, List<string> notes)
    {
        var network = nic.Network;
        var routes = new List<Route>();
        // A /32 lease's "subnet" is the NIC's own address, which the local table answers before any
        // rule: a route to it in the NIC's table would never be used.
        if (network.PrefixLength < 32)
        {
            routes.Add(new(nic.Table, network, nic.Name, PreferredSource: nic.Address, Scope: RouteScope.Link));
        }
        // A gateway outside the NIC's prefix (a /32 lease, as some clouds hand out) is reachable only
        // when the kernel is told it is on the link.
        routes.Add(new(nic.Table, IPNetworkExtensions.DefaultIPv4, nic.Name, nic.Gateway, OnLink: !network.Contains(nic.Gateway)));
        foreach (var classless in nic.Lease.ClasslessStaticRoutes)
        {
            var destination = classless.Destination.Normalize();
            if (destination.IsDefault() || destination == network || routes.Any(route => route.Destination == destination))
            {
                continue;
            }
            // 0.0.0.0 in option 121 means "on the link"; any other gateway must be one a packet can be sent to.
            if (!classless.Gateway.Equals(IPAddress.Any) && NextHop.WhyNot(classless.Gateway) is { } why)
            {
                notes.Add($"{nic.Name}: the route to {destination.ToIpString()} via {classless.Gateway} from {nic.Lease.Source} is left out: "
                    + $"the gateway is {why}");
                continue;
            }
            routes.Add(classless.Gateway.Equals(IPAddress.Any)
                ? new Route(nic.Table, destination, nic.Name, PreferredSource: nic.Address, Scope: RouteScope.Link)
                : new Route(nic.Table, destination, nic.Name, classless.Gateway, OnLink: !network.Contains(classless.Gateway)));
        }
        return new RoutingTable(nic.Table, nic.Name, routes);
    }

    /// <summary>
    /// The configured primary; else the managed NIC that holds the main default now (the lowest metric
    /// wins, as in the kernel); else the lowest ifindex, which follows PCI order on cloud instances.
    /// </summary>
    private static string ChoosePrimary(IReadOnlyList<Candidate> candidates, HostSnapshot snapshot)
    {
        var configured = candidates.FirstOrDefault(candidate => candidate.Selection?.Primary == true);
        if (configured is not null)
        {
            return configured.Link.Name;
        }
        return MainDefaultHolder(snapshot, candidates.Select(candidate => candidate.Link.Name))
            ?? candidates.MinBy(candidate => candidate.Link.Index)!.Link.Name;
    }

    /// <summary>Which of the named NICs holds the main table's default now (the lowest metric wins, as in the kernel).</summary>
    private static string? MainDefaultHolder(HostSnapshot snapshot, IEnumerable<string> among)
    {
        var names = among.ToHashSet(StringComparer.Ordinal);
        return snapshot.Routes
            .Where(route => route.Table == RoutingTables.Main && route.IsDefault && route.Type == RouteType.Unicast
                && route.Device is not null && names.Contains(route.Device))
            .OrderBy(route => route.Metric ?? 0)
            .FirstOrDefault()?.Device;
    }
}
