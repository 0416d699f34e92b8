using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// What the image's network stack recreates from BootRoute's persisted configuration under its own
/// protocol (systemd-networkd's and NetworkManager's rules are "proto static", so are netplan's
/// routes): BootRoute's objects by delegation. A rule at one of the plan's priorities that looks up
/// the table the plan gives that priority, or a route in one of the plan's tables through that
/// table's NIC, is then BootRoute's to keep, replace or delete instead of a foreign object in its way.
/// </summary>
[Flags]
public enum CarriedObjects
{
    None = 0,
    Rules = 1,
    Routes = 2,
}

/// <summary>Which objects of a snapshot are carried for BootRoute under <see cref="CarriedObjects"/>. Pure.</summary>
public static class Carried
{
    public static bool IsCarried(this RoutingPlan plan, PolicyRule rule, CarriedObjects carried) =>
        carried.HasFlag(CarriedObjects.Rules) && rule.Protocol != RouteProtocols.BootRoute
        && plan.Rules.Any(planned => planned.Priority == rule.Priority && planned.Table == rule.Table);

    public static bool IsCarried(this RoutingPlan plan, Route route, CarriedObjects carried) =>
        carried.HasFlag(CarriedObjects.Routes) && route.Protocol != RouteProtocols.BootRoute
        && plan.Tables.Any(table => table.Id == route.Table && table.Name == route.Device);

    /// <summary>The same rule or route apart from who created it.</summary>
    public static bool SameButProtocol(PolicyRule current, PolicyRule wanted) => current with { Protocol = wanted.Protocol } == wanted;

    /// <remarks>
    /// A stack's copy may also mark its gateway on-link (systemd-networkd 252 does for netplan's routes
    /// in other tables): the kernel accepted the planned route without the flag, so its gateway is on
    /// the link anyway and the flag changes nothing. BootRoute's own routes must match exactly.
    /// </remarks>
    public static bool SameButProtocol(Route current, Route wanted) => Comparable(current, wanted) == wanted;

    /// <summary>
    /// A stack's copy of a planned route under a metric of its own (NetworkManager gives static routes
    /// the profile's route-metric): another kernel route, saying the same thing.
    /// </summary>
    public static bool SameButProtocolAndMetric(Route current, Route wanted) => Comparable(current, wanted) with { Metric = wanted.Metric } == wanted;

    private static Route Comparable(Route current, Route wanted) => current with
    {
        Protocol = wanted.Protocol,
        OnLink = current.Protocol == RouteProtocols.BootRoute ? current.OnLink : wanted.OnLink,
    };
}
