using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// Which planned NIC an operation is for, so that a refusal by the kernel costs only that NIC: its
/// table's routes and its rules (by table or priority), its main-table default (DEFROUTE), its
/// sysctls. Null for what serves every NIC (the suppress rule) or no planned NIC (a stale table).
/// A NIC managed in IPv6 only is found in <see cref="RoutingPlan.IPv6"/>'s interfaces.
/// </summary>
public static class OperationOwner
{
    public static PlannedInterface? Of(RoutingPlan plan, Operation operation) => operation switch
    {
        RouteAdd add => ByRoute(plan, add.Route),
        RouteReplace replace => ByRoute(plan, replace.Route),
        RouteDelete delete => ByRoute(plan, delete.Route),
        RuleAdd add => ByRule(plan, add.Rule),
        RuleDelete delete => ByRule(plan, delete.Rule),
        SysctlSet set => Interfaces(plan).FirstOrDefault(nic => SysctlKeys.For(nic.Name).Contains(set.Key, StringComparer.Ordinal)),
        _ => null,
    };

    /// <summary>IPv4's first, so a dual-stack NIC is named by its IPv4 side (its primary flag is IPv4's).</summary>
    private static IEnumerable<PlannedInterface> Interfaces(RoutingPlan plan) => plan.Interfaces.Concat(plan.IPv6?.Interfaces ?? []);

    private static PlannedInterface? ByRoute(RoutingPlan plan, Route route) => route.Table == RoutingTables.Main
        ? Interfaces(plan).FirstOrDefault(nic => nic.Name == route.Device)
        : Interfaces(plan).FirstOrDefault(nic => nic.Table == route.Table);

    private static PlannedInterface? ByRule(RoutingPlan plan, PolicyRule rule) =>
        Interfaces(plan).FirstOrDefault(nic => nic.Table == rule.Table || nic.Priority == rule.Priority);
}
