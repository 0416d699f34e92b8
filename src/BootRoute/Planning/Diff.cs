using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// The operations that turn the kernel's current state into the plan. It touches only what BootRoute
/// owns (routes and rules with protocol "bootroute") plus the secondary NICs' main-table defaults
/// (DEFROUTE=no). An empty list means the kernel already matches: a second run changes nothing.
/// </summary>
public static class Diff
{
    /// <remarks>
    /// Order keeps the instance reachable at every step: tables are filled before rules point at them,
    /// the primary's main default is in place before any other default goes, and removals come last.
    /// </remarks>
    /// <param name="carried">What the image's network stack recreates for BootRoute from its persisted files: those objects count as BootRoute's.</param>
    public static IReadOnlyList<Operation> Compute(RoutingPlan plan, HostSnapshot snapshot, CarriedObjects carried = CarriedObjects.None)
    {
        var operations = new List<Operation>();
        var ownedRoutes = snapshot.Routes.Where(route => route.Protocol == RouteProtocols.BootRoute || plan.IsCarried(route, carried)).ToList();
        var secondaries = plan.SecondaryInterfaces.ToHashSet(StringComparer.Ordinal);
        var secondaryDefaults = snapshot.Routes
            .Where(route => route.Table == RoutingTables.Main && route.IsDefault && route.Protocol != RouteProtocols.BootRoute
                && route.Device is not null && secondaries.Contains(route.Device))
            .OrderBy(route => route.Metric ?? 0)
            .ToList();

        var desiredRoutes = plan.OwnedRoutes.ToList();
        // The DHCP client's own default on the primary is left alone (it re-adds it at every renewal)
        // unless it points elsewhere than the plan's gateway (interfaces[].gateway): then it is
        // displaced like a secondary's default, and remove puts it back.
        var primaryDefaults = snapshot.Routes.Where(route => route.Table == RoutingTables.Main && route.IsDefault
            && route.Type == RouteType.Unicast && route.Device == plan.Primary.Name && route.Protocol != RouteProtocols.BootRoute).ToList();
        if (!primaryDefaults.Any(route => Equals(route.Gateway, plan.Primary.Gateway)))
        {
            desiredRoutes.Add(plan.PrimaryDefault);
            secondaryDefaults.AddRange(primaryDefaults);
        }

        var desiredKeys = desiredRoutes.Select(route => route.Key).ToHashSet();
        foreach (var desired in desiredRoutes)
        {
            var current = ownedRoutes.FirstOrDefault(route => route.Key == desired.Key);
            if (current is not null)
            {
                if (!Carried.SameButProtocol(current, desired))
                {
                    operations.Add(new RouteReplace(desired, current));
                }
                continue;
            }
            // A secondary's main default with the same key would make "add" fail with EEXIST;
            // replacing it moves the default to the primary in one atomic step.
            var displaced = secondaryDefaults.FirstOrDefault(route => route.Key == desired.Key);
            if (displaced is not null)
            {
                operations.Add(new RouteReplace(desired, displaced));
                secondaryDefaults.Remove(displaced);
                continue;
            }
            operations.Add(new RouteAdd(desired));
        }

        // A sysctl the kernel does not have (a NIC that went away) cannot be set; it is left out.
        operations.AddRange(plan.Sysctls
            .Where(wanted => snapshot.Sysctls.TryGetValue(wanted.Key, out var current) && current != wanted.Value)
            .Select(wanted => new SysctlSet(wanted.Key, wanted.Value, snapshot.Sysctls[wanted.Key])));

        var ownedRules = snapshot.Rules.Where(rule => rule.Protocol == RouteProtocols.BootRoute || plan.IsCarried(rule, carried)).ToList();
        operations.AddRange(plan.Rules.Where(rule => !ownedRules.Any(owned => Carried.SameButProtocol(owned, rule)))
            .OrderBy(rule => rule.Priority).Select(rule => new RuleAdd(rule)));
        operations.AddRange(ownedRules.Where(owned => !plan.Rules.Any(rule => Carried.SameButProtocol(owned, rule)))
            .OrderBy(rule => rule.Priority).Select(rule => new RuleDelete(rule)));
        operations.AddRange(ownedRoutes.Where(route => !desiredKeys.Contains(route.Key)
                && !(route.Protocol != RouteProtocols.BootRoute && desiredRoutes.Any(wanted => Carried.SameButProtocolAndMetric(route, wanted))))
            .OrderBy(route => route.Table).ThenBy(route => route.Destination.ToString(), StringComparer.Ordinal)
            .Select(route => new RouteDelete(route)));
        operations.AddRange(secondaryDefaults.Select(route => new RouteDelete(route)));
        return operations;
    }
}
