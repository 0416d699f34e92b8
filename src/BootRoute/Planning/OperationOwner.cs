using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// Which planned NIC an operation is for, so that a refusal by the kernel costs only that NIC: its
/// table's routes and its rules (by table or priority), its main-table default (DEFROUTE), its
/// sysctls. Null for what serves every NIC (the suppress rule) or no planned NIC (a stale table).
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
        SysctlSet set => plan.Interfaces.FirstOrDefault(nic => SysctlKeys.For(nic.Name).Contains(set.Key, StringComparer.Ordinal)),
        _ => null,
    };

    private static PlannedInterface? ByRoute(RoutingPlan plan, Route route) => route.Table == RoutingTables.Main
        ? plan.Interfaces.FirstOrDefault(nic => nic.Name == route.Device)
        : plan.Interfaces.FirstOrDefault(nic => nic.Table == route.Table);

    private static PlannedInterface? ByRule(RoutingPlan plan, PolicyRule rule) =>
        plan.Interfaces.FirstOrDefault(nic => nic.Table == rule.Table || nic.Priority == rule.Priority);
}
