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
    public static PlanningOutcome Plan(AgentSettings settings, HostSnapshot snapshot, IReadOnlyList<Lease> leases)
    {
        var problems = new List<string>();
        var candidates = settings.IsAutomatic
            ? AutomaticCandidates(snapshot, leases)
            : ConfiguredCandidates(settings, snapshot, leases, problems);
        if (problems.Count > 0)
        {
            return new PlanningOutcome.Failed(problems);
        }
        if (candidates.Count == 0)
        {
            return new PlanningOutcome.Failed([settings.IsAutomatic
                ? $"no interface has both a DHCP lease and its IPv4 address (looked for leases from {settings.Leases.Describe()})"
                : "none of the configured interfaces can be managed"]);
        }
        if (settings.IsAutomatic && candidates.Count == 1)
        {
            return new PlanningOutcome.NothingToDo(
                $"only {candidates[0].Link.Name} has a DHCP lease: a single NIC needs no policy routing");
        }

        var primaryName = ChoosePrimary(candidates, snapshot);
        var interfaces = new List<PlannedInterface>(candidates.Count);
        foreach (var candidate in candidates)
        {
            uint table = candidate.Selection?.Table ?? settings.Routing.TableBase + (uint)candidate.Slot;
            interfaces.Add(new PlannedInterface(
                candidate.Link.Name,
                candidate.Slot,
                candidate.Lease.Address,
                candidate.PrefixLength,
                candidate.Addresses,
                candidate.Selection?.Gateway ?? candidate.Lease.Gateway!,
                table,
                settings.Routing.PriorityBase + (uint)candidate.Slot,
                candidate.Link.Name == primaryName,
                candidate.Selection?.FloatingIp,
                candidate.Lease)
            {
                LinkIndex = candidate.Link.Index,
                DiscoverFloatingIp = candidate.Selection?.DiscoverFloatingIp ?? settings.Verify.EchoUrl is not null,
            });
        }

        foreach (var reserved in interfaces.Where(nic => RoutingTables.IsReserved(nic.Table)))
        {
            problems.Add($"{reserved.Name}: table {reserved.Table} is reserved by the kernel (0, 253 default, 254 main, 255 local): "
                + "set routing.table_base or interfaces[].table so no managed interface lands on it");
        }
        foreach (var clash in interfaces.GroupBy(nic => nic.Table).Where(group => group.Count() > 1))
        {
            problems.Add($"{string.Join(" and ", clash.Select(nic => nic.Name))} would share table {clash.Key}: "
                + "give each interface its own table");
        }
        if (problems.Count > 0)
        {
            return new PlanningOutcome.Failed(problems);
        }

        var tables = interfaces.Select(TableFor).ToList();
        var rules = new List<PolicyRule>
        {
            // Ahead of the per-source rules so that main's specific routes (the NICs' own subnets,
            // docker0, VPNs) still win; only main's default is suppressed for sourced traffic.
            new(settings.Routing.PriorityBase, Source: null, RoutingTables.Main, SuppressPrefixLength: 0),
        };
        rules.AddRange(interfaces.SelectMany(nic => nic.Addresses.Select(address =>
            new PolicyRule(nic.Priority, new IPNetwork(address, 32), nic.Table))));

        var primary = interfaces.Single(nic => nic.IsPrimary);
        var primaryDefault = new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, primary.Name, primary.Gateway,
            OnLink: !primary.Network.Contains(primary.Gateway));
        return new PlanningOutcome.Planned(new RoutingPlan(interfaces, tables, rules, primaryDefault)
        {
            Sysctls = SysctlsFor(settings.Sysctl, interfaces),
        });
    }

    /// <summary>
    /// rp_filter=2 (loose) accepts a packet when any route leads back to its source, so traffic that
    /// arrives on one NIC for another NIC's address is not dropped. arp_filter=1, arp_ignore=1 and
    /// arp_announce=2 make each NIC answer ARP only for its own addresses, which matters when two NICs
    /// share a subnet ("ARP flux": otherwise either NIC may answer for both addresses).
    /// </summary>
    private static List<SysctlValue> SysctlsFor(SysctlSettings settings, List<PlannedInterface> interfaces)
    {
        var values = new List<SysctlValue>();
        foreach (var nic in interfaces)
        {
            if (settings.LooseReversePathFilter)
            {
                values.Add(new SysctlValue(Sysctl.SysctlKeys.ReversePathFilter(nic.Name), "2"));
            }
            if (settings.ArpFlux)
            {
                values.Add(new SysctlValue(Sysctl.SysctlKeys.ArpFilter(nic.Name), "1"));
                values.Add(new SysctlValue(Sysctl.SysctlKeys.ArpIgnore(nic.Name), "1"));
                values.Add(new SysctlValue(Sysctl.SysctlKeys.ArpAnnounce(nic.Name), "2"));
            }
        }
        return values;
    }

    private static RoutingTable TableFor(PlannedInterface nic)
    {
        var network = nic.Network;
        var routes = new List<Route>
        {
            new(nic.Table, network, nic.Name, PreferredSource: nic.Address, Scope: RouteScope.Link),
            // A gateway outside the NIC's prefix (a /32 lease, as some clouds hand out) is reachable
            // only when the kernel is told it is on the link.
            new(nic.Table, IPNetworkExtensions.DefaultIPv4, nic.Name, nic.Gateway, OnLink: !network.Contains(nic.Gateway)),
        };
        foreach (var classless in nic.Lease.ClasslessStaticRoutes)
        {
            var destination = classless.Destination.Normalize();
            if (destination.IsDefault() || destination == network || routes.Any(route => route.Destination == destination))
            {
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
        var names = candidates.Select(candidate => candidate.Link.Name).ToHashSet(StringComparer.Ordinal);
        var holder = snapshot.Routes
            .Where(route => route.Table == RoutingTables.Main && route.IsDefault && route.Type == RouteType.Unicast
                && route.Device is not null && names.Contains(route.Device))
            .OrderBy(route => route.Metric ?? 0)
            .FirstOrDefault();
        return holder?.Device ?? candidates.MinBy(candidate => candidate.Link.Index)!.Link.Name;
    }

    private static List<Candidate> AutomaticCandidates(HostSnapshot snapshot, IReadOnlyList<Lease> leases)
    {
        var found = new List<Candidate>();
        foreach (var link in snapshot.Links.Where(link => Discovery.AutomaticSelection.WhyNot(link) is null)
                     .OrderBy(link => link.Name, NaturalNameComparer.Instance))
        {
            var lease = leases.FirstOrDefault(lease => lease.Interface == link.Name);
            if (lease?.Gateway is null)
            {
                continue;
            }
            var addresses = GlobalAddresses(snapshot, link.Name);
            var leased = addresses.FirstOrDefault(address => address.Address.Equals(lease.Address));
            if (leased is null)
            {
                continue;
            }
            found.Add(new Candidate(link, found.Count + 1, null, lease, leased.PrefixLength, Ordered(addresses, lease.Address)));
        }
        return found;
    }

    private static List<Candidate> ConfiguredCandidates(
        AgentSettings settings, HostSnapshot snapshot, IReadOnlyList<Lease> leases, List<string> problems)
    {
        var found = new List<Candidate>();
        for (int index = 0; index < settings.Interfaces.Count; index++)
        {
            var selection = settings.Interfaces[index];
            var link = selection.Name is { } name
                ? snapshot.FindLink(name)
                : snapshot.Links.FirstOrDefault(link => link.MacAddress is not null && link.MacAddress.Equals(selection.Mac));
            if (link is null)
            {
                problems.Add($"{selection.Label}: no such interface");
                continue;
            }
            var lease = leases.FirstOrDefault(lease => lease.Interface == link.Name);
            if (lease is null)
            {
                problems.Add($"{link.Name}: no DHCP lease found (looked in: {settings.Leases.Describe()})");
                continue;
            }
            if (lease.Gateway is null && selection.Gateway is null)
            {
                problems.Add($"{link.Name}: the lease from {lease.Source} has no gateway (no routers option, no default in option 121); set interfaces[].gateway");
                continue;
            }
            var addresses = GlobalAddresses(snapshot, link.Name);
            var leased = addresses.FirstOrDefault(address => address.Address.Equals(lease.Address));
            if (leased is null)
            {
                problems.Add(addresses.Count == 0
                    ? $"{link.Name}: no IPv4 address on the interface (lease from {lease.Source} says {lease.Address})"
                    : $"{link.Name}: the leased address {lease.Address} (from {lease.Source}) is not on the interface");
                continue;
            }
            found.Add(new Candidate(link, index + 1, selection, lease, leased.PrefixLength, Ordered(addresses, lease.Address)));
        }
        return found;
    }

    private static List<InterfaceAddress> GlobalAddresses(HostSnapshot snapshot, string name) =>
        snapshot.AddressesOf(name).Where(address => address.Scope == RouteScope.Universe).ToList();

    /// <summary>The leased address first, then the NIC's other addresses in numeric order.</summary>
    private static List<IPAddress> Ordered(List<InterfaceAddress> addresses, IPAddress leased) =>
        addresses.Select(address => address.Address)
            .Distinct()
            .OrderBy(address => address.Equals(leased) ? 0 : 1)
            .ThenBy(address => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes()))
            .ToList();

    private sealed record Candidate(
        Link Link, int Slot, InterfaceSelection? Selection, Lease Lease, int PrefixLength, IReadOnlyList<IPAddress> Addresses);
}
