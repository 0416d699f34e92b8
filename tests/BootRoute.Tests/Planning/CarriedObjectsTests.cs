using System.Net;
using BootRoute.Apply;
using BootRoute.Model;
using BootRoute.Planning;
using Xunit;

namespace BootRoute.Tests.Planning;

/// <summary>
/// Rules and routes the image's network stack recreates from BootRoute's persisted files (networkd's
/// and NetworkManager's rules are proto static, so are netplan's routes): with persistence carrying
/// them they are BootRoute's, satisfied when equal, replaced or deleted when stale; without it they
/// are foreign: adopted when identical but for the protocol (<see cref="Adoption"/>), else in the way.
/// </summary>
public class CarriedObjectsTests
{
    private static RoutingPlan PlanOf(SampleHost host) =>
        Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;

    /// <summary>The host after systemd-networkd applied BootRoute's drop-ins: every rule is there as proto static.</summary>
    private static SampleHost Converged(byte ruleProtocol, byte routeProtocol)
    {
        var host = SampleHost.TwoNics();
        var plan = PlanOf(host);
        foreach (var rule in plan.Rules)
        {
            host.WithRule(rule with { Protocol = ruleProtocol });
        }
        foreach (var route in plan.OwnedRoutes)
        {
            host.WithRoute(route with { Protocol = routeProtocol });
        }
        return host;
    }

    [Fact]
    public void Rules_the_stack_recreated_satisfy_the_plan_and_are_no_clash()
    {
        var host = Converged(RouteProtocols.Static, RouteProtocols.BootRoute);
        var plan = PlanOf(host);

        Assert.Empty(Clashes.Find(plan, host.Snapshot, CarriedObjects.Rules));
        var operations = Diff.Compute(plan, host.Snapshot, CarriedObjects.Rules);

        // Only the secondary's main default is left to remove: no rule is added twice or deleted.
        Assert.DoesNotContain(operations, operation => operation is RuleAdd or RuleDelete);
    }

    [Fact]
    public void Without_persistence_carrying_them_the_same_rules_are_foreign_and_adopted()
    {
        var host = Converged(RouteProtocols.Static, RouteProtocols.BootRoute);
        var plan = PlanOf(host);

        // Identical but for the protocol: a hand-made setup to take over (issue #14), not a clash.
        Assert.Empty(Clashes.Find(plan, host.Snapshot));
        Assert.Equal(3, Adoption.Find(plan, host.Snapshot).Rules.Count);
        Assert.Equal(3, Diff.Compute(plan, host.Snapshot).OfType<RuleDelete>().Count(delete => delete.Rule.Protocol == RouteProtocols.Static));
    }

    [Fact]
    public void Routes_netplan_recreated_satisfy_the_plan()
    {
        var host = Converged(RouteProtocols.Static, RouteProtocols.Static);
        var plan = PlanOf(host);
        const CarriedObjects carried = CarriedObjects.Rules | CarriedObjects.Routes;

        Assert.Empty(Clashes.Find(plan, host.Snapshot, carried));
        Assert.DoesNotContain(Diff.Compute(plan, host.Snapshot, carried), operation => operation is RouteAdd or RouteReplace or RuleAdd);
    }

    [Fact]
    public void A_stale_carried_rule_after_renumbering_is_replaced_not_a_clash()
    {
        var host = SampleHost.TwoNics().WithRule(new PolicyRule(102, IPNetwork.Parse("100.64.2.99/32"), 102, RouteProtocols.Static));
        var plan = PlanOf(host);

        Assert.Empty(Clashes.Find(plan, host.Snapshot, CarriedObjects.Rules));
        var operations = Diff.Compute(plan, host.Snapshot, CarriedObjects.Rules);

        Assert.Contains(operations, operation => operation is RuleDelete delete && delete.Rule.Source == IPNetwork.Parse("100.64.2.99/32"));
        Assert.Contains(operations, operation => operation is RuleAdd add && add.Rule.Source == IPNetwork.Parse("100.64.2.10/32"));
    }

    [Fact]
    public void A_foreign_rule_at_a_planned_priority_that_looks_up_another_table_stays_a_clash()
    {
        var host = SampleHost.TwoNics().WithRule(new PolicyRule(102, IPNetwork.Parse("100.64.9.9/32"), 77, RouteProtocols.Static));

        Assert.Single(Clashes.Find(PlanOf(host), host.Snapshot, CarriedObjects.Rules | CarriedObjects.Routes));
    }

    [Fact]
    public void A_foreign_route_in_a_planned_table_through_another_nic_stays_a_clash()
    {
        var host = SampleHost.TwoNics().WithRoute(new Route(102, IPNetwork.Parse("100.100.0.0/16"), "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Static));

        Assert.Single(Clashes.Find(PlanOf(host), host.Snapshot, CarriedObjects.Routes));
    }

    [Fact]
    public void A_carried_copy_under_the_stacks_own_metric_stays_and_BootRoutes_own_is_added_beside_it()
    {
        var host = SampleHost.TwoNics();
        foreach (var route in PlanOf(host).OwnedRoutes)
        {
            host.WithRoute(route with { Protocol = RouteProtocols.Static, Metric = 100 });
        }
        var plan = PlanOf(host);

        var operations = Diff.Compute(plan, host.Snapshot, CarriedObjects.Routes);

        Assert.DoesNotContain(operations, operation => operation is RouteDelete delete && delete.Route.Table != RoutingTables.Main);
        Assert.Equal(plan.OwnedRoutes.Count(), operations.Count(operation => operation is RouteAdd));
    }

    [Fact]
    public void A_carried_copy_marked_onlink_is_the_same_route_but_bootroutes_own_must_match_exactly()
    {
        var host = SampleHost.TwoNics();
        var planned = PlanOf(host).OwnedRoutes.ToList();
        foreach (var route in planned.Where(route => route.Table == 101))
        {
            host.WithRoute(route with { Protocol = RouteProtocols.Static, OnLink = route.Gateway is not null });
        }
        foreach (var route in planned.Where(route => route.Table == 102))
        {
            host.WithRoute(route with { OnLink = route.Gateway is not null });
        }
        var plan = PlanOf(host);

        var replaced = Diff.Compute(plan, host.Snapshot, CarriedObjects.Routes).OfType<RouteReplace>().Select(replace => replace.Route.Table).ToList();

        Assert.Equal([102u], replaced);
    }
}
