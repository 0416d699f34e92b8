using BootRoute.Model;
using BootRoute.Planning;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>
/// After a reboot the stack recreates BootRoute's IPv6 rules and (netplan) routes under its own
/// protocol from the persisted files, as it does the IPv4 ones: the next apply takes them for
/// BootRoute's own, not for foreign objects in its way (exit 4).
/// </summary>
public sealed class CarriedIPv6Tests
{
    private static readonly CarriedObjects Carried = CarriedObjects.Rules | CarriedObjects.Routes;

    /// <param name="stale">A rule the stack still recreates for a prefix the NIC no longer has (renumbered).</param>
    private static (RoutingPlan Plan, HostSnapshot Snapshot) RecreatedByTheStack(PolicyRule? stale = null)
    {
        var plan = PersistenceSamples.DualStackPlan();
        var snapshot = PersistenceSamples.DualStackHost().Snapshot;
        var ipv6 = plan.IPv6!;
        snapshot = snapshot with
        {
            IPv6 = snapshot.IPv6 with
            {
                Rules = [.. snapshot.IPv6.Rules, .. ipv6.Rules.Where(rule => rule.Source is not null).Select(rule => rule with { Protocol = RouteProtocols.Static }),
                    .. stale is null ? [] : new[] { stale }],
                Routes = [.. snapshot.IPv6.Routes, .. ipv6.OwnedRoutes.Select(route => route with { Protocol = RouteProtocols.Static })],
            },
        };
        return (plan, snapshot);
    }

    [Fact]
    public void The_stacks_ipv6_copies_satisfy_the_plan_without_being_adopted()
    {
        var (plan, snapshot) = RecreatedByTheStack();

        var carried = Diff.Compute(plan, snapshot, Carried);
        var notCarried = Diff.Compute(plan, snapshot);

        Assert.DoesNotContain(carried, operation => operation is RuleAdd { Rule.IsIPv6: true, Rule.Source: not null } or RuleDelete { Rule.IsIPv6: true });
        Assert.DoesNotContain(carried, operation => operation is RouteAdd { Route.Table: not RoutingTables.Main } add && add.Route.Destination.IsIPv6());
        Assert.Empty(Adoption.Find(plan, snapshot, Carried).Rules);
        // Not carried, the same copies would be taken over as hand-made ones (and recorded for remove).
        Assert.Contains(notCarried, operation => operation is RuleDelete { Rule.IsIPv6: true, Rule.Protocol: RouteProtocols.Static });
    }

    [Fact]
    public void A_stale_ipv6_rule_the_stack_recreates_after_renumbering_is_replaced_not_a_clash()
    {
        var stale = new PolicyRule(102, System.Net.IPNetwork.Parse("2001:db8:99::/64"), 102, RouteProtocols.Static, Family: System.Net.Sockets.AddressFamily.InterNetworkV6);
        var (plan, snapshot) = RecreatedByTheStack(stale);

        Assert.NotEmpty(Clashes.Find(plan, snapshot));
        Assert.Empty(Clashes.Find(plan, snapshot, Carried));
        Assert.Contains(Diff.Compute(plan, snapshot, Carried), operation => operation is RuleDelete delete && delete.Rule == stale);
    }
}
