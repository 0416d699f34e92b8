using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// The operations that turn the kernel's current state into the plan. It touches only what BootRoute
/// owns (routes and rules with protocol "bootroute") plus the secondary NICs' main-table defaults
/// (DEFROUTE=no) and the hand-made objects it adopts (<see cref="Adoption"/>), and nothing of a held NIC (<see cref="HeldInterface"/>). An empty list means the kernel already matches: a second run changes nothing.
/// </summary>
public static class Diff
{
    /// <remarks>
    /// Order keeps the instance reachable at every step: tables are filled before rules point at them,
    /// the primary's main default is in place before any other default goes, and removals come last.
    /// </remarks>
    /// <param name="carried">What the image's network stack recreates for BootRoute from its persisted files: those objects count as BootRoute's.</param>
    /// <remarks>IPv4 first, then the plan's IPv6 half on the snapshot's IPv6 view, by the same rules (the stacks carry both families' objects).</remarks>
    public static IReadOnlyList<Operation> Compute(RoutingPlan plan, HostSnapshot snapshot, CarriedObjects carried = CarriedObjects.None)
    {
        var operations = InOneFamily(plan, snapshot, carried);
        if (plan.IPv6 is { } ipv6)
        {
            operations.AddRange(InOneFamily(ipv6, snapshot.InFamily(System.Net.Sockets.AddressFamily.InterNetworkV6), carried));
        }
        return operations;
    }

    private static List<Operation> InOneFamily(RoutingPlan plan, HostSnapshot snapshot, CarriedObjects carried)
    {
        // A held NIC's table is left as the kernel has it: neither filled nor emptied this run.
        var adopted = Adoption.FindInOneFamily(plan, snapshot, carried);
        var ownedRoutes = snapshot.Routes.Where(route => (route.Protocol == RouteProtocols.BootRoute || plan.IsCarried(route, carried))
            && !plan.IsHeld(route)).Concat(adopted.Routes).ToList();
        var secondaries = plan.SecondaryInterfaces.ToHashSet(StringComparer.Ordinal);
        var displaced = snapshot.Routes
            .Where(route => route.Table == RoutingTables.Main && route.IsDefault && route.Protocol != RouteProtocols.BootRoute
                && route.Device is not null && secondaries.Contains(route.Device))
            .OrderBy(route => route.Metric ?? 0)
            .ToList();
        var desiredRoutes = DesiredRoutes(plan, snapshot, displaced);

        var operations = RouteChanges(desiredRoutes, ownedRoutes, displaced, adopted.Routes);
        // A sysctl the kernel does not have (a NIC that went away) cannot be set; it is left out.
        operations.AddRange(plan.Sysctls
            .Where(wanted => snapshot.Sysctls.TryGetValue(wanted.Key, out var current) && current != wanted.Value)
            .Select(wanted => new SysctlSet(wanted.Key, wanted.Value, snapshot.Sysctls[wanted.Key])));
        operations.AddRange(RuleChanges(plan, snapshot, carried, adopted.Rules));
        var desiredKeys = desiredRoutes.Select(route => route.Key).ToHashSet();
        operations.AddRange(ownedRoutes.Where(route => !desiredKeys.Contains(route.Key)
                && !(route.Protocol != RouteProtocols.BootRoute && desiredRoutes.Any(wanted => Carried.SameButProtocolAndMetric(route, wanted))))
            .OrderBy(route => route.Table).ThenBy(route => route.Destination.ToString(), StringComparer.Ordinal)
            .Select(route => new RouteDelete(route)));
        operations.AddRange(displaced.Select(route => new RouteDelete(route)));
        return operations;
    }

    /// <summary>
    /// The plan's routes, plus the primary's main default unless a DHCP client already installed it:
    /// the client's own default is left alone (it re-adds it at every renewal) unless it points
    /// elsewhere than the plan's gateway (interfaces[].gateway); then it joins <paramref name="displaced"/>
    /// like a secondary's default, and remove puts it back.
    /// </summary>
    private static List<Route> DesiredRoutes(RoutingPlan plan, HostSnapshot snapshot, List<Route> displaced)
    {
        var desired = plan.OwnedRoutes.ToList();
        var primaryDefaults = snapshot.Routes.Where(route => route.Table == RoutingTables.Main && route.IsDefault
            && route.Type == RouteType.Unicast && route.Device == plan.Primary.Name && route.Protocol != RouteProtocols.BootRoute).ToList();
        if (!primaryDefaults.Any(route => Equals(route.Gateway, plan.Primary.Gateway)))
        {
            desired.Add(plan.PrimaryDefault);
            displaced.AddRange(primaryDefaults);
        }
        return desired;
    }

    /// <summary>
    /// Adds and replaces; a displaced default taken over in place leaves <paramref name="displaced"/>.
    /// An adopted route is replaced by BootRoute's tagged copy in one atomic step (same kernel key).
    /// </summary>
    private static List<Operation> RouteChanges(List<Route> desiredRoutes, List<Route> ownedRoutes, List<Route> displaced, IReadOnlyList<Route> adopted)
    {
        var operations = new List<Operation>();
        foreach (var desired in desiredRoutes)
        {
            var current = ownedRoutes.FirstOrDefault(route => route.Key == desired.Key);
            if (current is not null)
            {
                if (!Carried.SameButProtocol(current, desired) || adopted.Contains(current))
                {
                    operations.Add(new RouteReplace(desired, current));
                }
                continue;
            }
            // A secondary's main default with the same key would make "add" fail with EEXIST;
            // replacing it moves the default to the primary in one atomic step.
            var holder = displaced.FirstOrDefault(route => route.Key == desired.Key);
            if (holder is not null)
            {
                operations.Add(new RouteReplace(desired, holder));
                displaced.Remove(holder);
                continue;
            }
            operations.Add(new RouteAdd(desired));
        }
        return operations;
    }

    /// <remarks>
    /// An adopted rule goes make-before-break: BootRoute's copy is added first (the kernel lists it after
    /// the hand-made one at the same priority), then the hand-made one is deleted. A delete without a
    /// protocol (a hand-made rule's is usually 0) takes the first match in list order, which is the
    /// hand-made one; those with a protocol of their own match exactly and go first.
    /// </remarks>
    private static List<Operation> RuleChanges(RoutingPlan plan, HostSnapshot snapshot, CarriedObjects carried, IReadOnlyList<PolicyRule> adopted)
    {
        var ownedRules = snapshot.Rules.Where(rule => (rule.Protocol == RouteProtocols.BootRoute || plan.IsCarried(rule, carried))
            && !plan.IsHeld(rule)).ToList();
        var adds = plan.Rules.Where(rule => !ownedRules.Any(owned => Carried.SameButProtocol(owned, rule)))
            .OrderBy(rule => rule.Priority).Select(rule => (Operation)new RuleAdd(rule));
        var deletes = ownedRules.Where(owned => !plan.Rules.Any(rule => Carried.SameButProtocol(owned, rule)))
            .OrderBy(rule => rule.Priority).Select(rule => (Operation)new RuleDelete(rule));
        var handMade = adopted.OrderBy(rule => rule.Priority).ThenBy(rule => rule.Protocol == RouteProtocols.Unspecified)
            .Select(rule => (Operation)new RuleDelete(rule));
        return adds.Concat(handMade).Concat(deletes).ToList();
    }
}
