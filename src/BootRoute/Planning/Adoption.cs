using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// A hand-made setup to take over: routes and rules an operator typed (or an article's script made)
/// that are exactly what the plan would create, apart from the protocol that says who made them. Apply
/// replaces each with BootRoute's own tagged copy and records it, so <c>remove</c> puts it back; any
/// foreign object that differs in anything else stays a clash (<see cref="Clashes"/>). Held NICs'
/// tables and the network stack's carried objects (<see cref="CarriedObjects"/>) are not adopted:
/// the first are left alone, the second are BootRoute's already.
/// </summary>
public sealed record Adopted(IReadOnlyList<Route> Routes, IReadOnlyList<PolicyRule> Rules)
{
    public static Adopted None { get; } = new([], []);

    public bool IsEmpty => Routes.Count == 0 && Rules.Count == 0;

    /// <summary>One line per object for plan and apply's reports.</summary>
    public IEnumerable<string> Notes =>
        Rules.Select(rule => $"{rule.Priority}: {rule.Selector()}").Concat(Routes.Select(route => route.ToString()))
            .Select(text => $"adopting the hand-made \"{text}\": remove puts it back");
}

/// <summary>Which foreign objects of a snapshot are adopted under a plan. Pure.</summary>
public static class Adoption
{
    /// <summary>Both families' adoptable objects: IPv4's under <paramref name="plan"/>, IPv6's under its IPv6 half.</summary>
    public static Adopted Find(RoutingPlan plan, HostSnapshot snapshot, CarriedObjects carried = CarriedObjects.None)
    {
        var found = FindInOneFamily(plan, snapshot, carried);
        if (plan.IPv6 is not { } ipv6)
        {
            return found;
        }
        var inIPv6 = FindInOneFamily(ipv6, snapshot.InFamily(System.Net.Sockets.AddressFamily.InterNetworkV6), carried);
        return new Adopted([.. found.Routes, .. inIPv6.Routes], [.. found.Rules, .. inIPv6.Rules]);
    }

    /// <summary>The adoptable objects of the snapshot's top-level lists, which are of the plan's family.</summary>
    internal static Adopted FindInOneFamily(RoutingPlan plan, HostSnapshot snapshot, CarriedObjects carried) => new(
        snapshot.Routes.Where(route => plan.IsAdoptable(route, carried)).ToList(),
        snapshot.Rules.Where(rule => plan.IsAdoptable(rule, carried)).ToList());

    /// <summary>A foreign route in one of the plan's tables that is one of its routes but for the protocol: metric, scope, source and flags alike.</summary>
    public static bool IsAdoptable(this RoutingPlan plan, Route route, CarriedObjects carried) =>
        route.Protocol != RouteProtocols.BootRoute && route.Table != RoutingTables.Main && !route.HasAttributesBeyondModel && !plan.IsHeld(route)
        && !plan.IsCarried(route, carried) && plan.OwnedRoutes.Any(wanted => route with { Protocol = wanted.Protocol } == wanted);

    /// <summary>A foreign rule that is one of the plan's rules but for the protocol: priority, selector and table alike.</summary>
    public static bool IsAdoptable(this RoutingPlan plan, PolicyRule rule, CarriedObjects carried) =>
        rule.Protocol != RouteProtocols.BootRoute && !rule.HasAttributesBeyondModel && !plan.IsHeld(rule)
        && !plan.IsCarried(rule, carried) && plan.Rules.Any(wanted => rule with { Protocol = wanted.Protocol } == wanted);
}
