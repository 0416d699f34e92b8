using System.Net;
using BootRoute.Model;
using BootRoute.Planning;
using Xunit;

namespace BootRoute.Tests.Planning;

/// <summary>A hand-made setup as the articles make it (issue #14, part 4): identical objects are adopted, others clash.</summary>
public class AdoptionTests
{
    private static readonly Route HandMadeSubnet = new(102, IPNetwork.Parse("100.64.2.0/24"), "ens4",
        PreferredSource: IPAddress.Parse("100.64.2.10"), Scope: RouteScope.Link, Protocol: RouteProtocols.Boot);
    private static readonly Route HandMadeDefault = new(102, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"),
        Protocol: RouteProtocols.Boot);
    private static readonly PolicyRule HandMadeRule = new(102, IPNetwork.Parse("100.64.2.10/32"), 102, RouteProtocols.Unspecified);

    private static SampleHost HandMade() => SampleHost.TwoNics().WithRoute(HandMadeSubnet).WithRoute(HandMadeDefault).WithRule(HandMadeRule);

    private static RoutingPlan PlanOf(SampleHost host) =>
        Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;

    [Fact]
    public void Identical_hand_made_objects_are_adopted_not_clashes()
    {
        var host = HandMade();
        var plan = PlanOf(host);

        var adopted = Adoption.Find(plan, host.Snapshot);

        Assert.Empty(Clashes.Find(plan, host.Snapshot));
        Assert.Equal([HandMadeSubnet, HandMadeDefault], adopted.Routes);
        Assert.Equal([HandMadeRule], adopted.Rules);
        Assert.Equal(
            [
                "adopting the hand-made \"102: from 100.64.2.10 lookup 102\": remove puts it back",
                "adopting the hand-made \"100.64.2.0/24 dev ens4 table 102 scope link src 100.64.2.10\": remove puts it back",
                "adopting the hand-made \"default via 100.64.2.1 dev ens4 table 102\": remove puts it back",
            ],
            adopted.Notes);
    }

    [Fact]
    public void A_hand_made_route_or_rule_with_more_than_the_model_holds_is_a_clash_not_adopted()
    {
        // "ip route add default via 100.64.2.1 dev ens4 table 102 mtu 1400", "ip rule add … tos 0x10":
        // replaced by BootRoute's copy they would lose what the model does not hold, and remove could not put it back.
        var host = SampleHost.TwoNics().WithRoute(HandMadeSubnet).WithRoute(HandMadeDefault with { HasAttributesBeyondModel = true })
            .WithRule(HandMadeRule with { HasAttributesBeyondModel = true });
        var plan = PlanOf(host);

        var adopted = Adoption.Find(plan, host.Snapshot);
        var clashes = Clashes.Find(plan, host.Snapshot);

        Assert.Equal([HandMadeSubnet], adopted.Routes);
        Assert.Empty(adopted.Rules);
        Assert.Equal(2, clashes.Count);
    }

    [Fact]
    public void Adopted_routes_are_replaced_in_place_and_the_rule_goes_make_before_break()
    {
        var host = HandMade();
        var plan = PlanOf(host);

        var operations = Diff.Compute(plan, host.Snapshot);

        Assert.Contains(new RouteReplace(HandMadeSubnet with { Protocol = RouteProtocols.BootRoute }, HandMadeSubnet), operations);
        Assert.Contains(new RouteReplace(HandMadeDefault with { Protocol = RouteProtocols.BootRoute }, HandMadeDefault), operations);
        Assert.DoesNotContain(operations, operation => operation is RouteAdd { Route.Table: 102 } or RouteDelete { Route.Table: 102 });
        int ours = operations.ToList().IndexOf(new RuleAdd(HandMadeRule with { Protocol = RouteProtocols.BootRoute }));
        int theirs = operations.ToList().IndexOf(new RuleDelete(HandMadeRule));
        Assert.True(ours >= 0 && theirs > ours, string.Join('\n', operations));
        // The hand-made rule's delete carries no protocol: the kernel takes the first match, the older rule.
        Assert.Equal("ip rule del priority 102 from 100.64.2.10 lookup 102", operations[theirs].ToIpCommand());
    }

    [Fact]
    public void After_the_adoption_a_second_run_changes_nothing_and_adopts_nothing()
    {
        var host = HandMade();
        var plan = PlanOf(host);
        var applied = SampleHost.TwoNics();
        foreach (var operation in Diff.Compute(plan, host.Snapshot).Where(operation => operation is RouteAdd or RouteReplace or RuleAdd))
        {
            _ = operation switch
            {
                RouteAdd add => applied.WithRoute(add.Route),
                RouteReplace replace => applied.WithRoute(replace.Route),
                RuleAdd rule => applied.WithRule(rule.Rule),
                _ => applied,
            };
        }
        applied.WithoutRoute(route => route.Table == RoutingTables.Main && route.IsDefault && route.Protocol == RouteProtocols.Boot);
        var again = Diff.Compute(PlanOf(applied), applied.Snapshot);

        Assert.True(Adoption.Find(PlanOf(applied), applied.Snapshot).IsEmpty);
        Assert.DoesNotContain(again, operation => operation is RouteReplace { Route.Table: 102 } or RuleDelete or RuleAdd);
    }

    [Theory]
    [InlineData("rule")]
    [InlineData("metric")]
    [InlineData("gateway")]
    public void A_hand_made_object_that_differs_stays_a_clash(string how)
    {
        var host = how switch
        {
            "rule" => SampleHost.TwoNics().WithRule(HandMadeRule with { Table = 77 }),
            "metric" => SampleHost.TwoNics().WithRoute(HandMadeDefault with { Metric = 5 }),
            _ => SampleHost.TwoNics().WithRoute(HandMadeDefault with { Gateway = IPAddress.Parse("100.64.2.254") }),
        };
        var plan = PlanOf(host);

        Assert.Single(Clashes.Find(plan, host.Snapshot));
        Assert.True(Adoption.Find(plan, host.Snapshot).IsEmpty);
    }

    [Fact]
    public void A_hand_made_rule_with_a_protocol_of_its_own_is_deleted_before_one_without()
    {
        var host = HandMade().WithRule(HandMadeRule with { Protocol = RouteProtocols.Static });

        var deletes = Diff.Compute(PlanOf(host), host.Snapshot).OfType<RuleDelete>().Select(delete => delete.Rule.Protocol);

        Assert.Equal([RouteProtocols.Static, RouteProtocols.Unspecified], deletes);
    }

    [Fact]
    public void Carried_objects_are_not_adopted()
    {
        var host = SampleHost.TwoNics().WithRule(HandMadeRule with { Protocol = RouteProtocols.Static });

        Assert.True(Adoption.Find(PlanOf(host), host.Snapshot, CarriedObjects.Rules).IsEmpty);
    }

    [Fact]
    public void Remove_puts_the_hand_made_objects_back_before_deleting_bootroutes_copies()
    {
        var ourSubnet = HandMadeSubnet with { Protocol = RouteProtocols.BootRoute };
        var ourDefault = HandMadeDefault with { Protocol = RouteProtocols.BootRoute };
        var ourRule = HandMadeRule with { Protocol = RouteProtocols.BootRoute };
        var host = SampleHost.TwoNics().WithRoute(ourSubnet).WithRoute(ourDefault).WithRule(ourRule);
        var state = AppliedState.Empty with { AdoptedRoutes = [HandMadeSubnet, HandMadeDefault], AdoptedRules = [HandMadeRule] };

        var (operations, notes) = Removal.Compute(host.Snapshot, state);

        Assert.Empty(notes);
        Assert.Equal(
            [
                new RouteReplace(HandMadeSubnet, ourSubnet),
                new RouteReplace(HandMadeDefault, ourDefault),
                new RuleAdd(HandMadeRule),
                new RuleDelete(ourRule),
            ],
            operations);
        Assert.Equal("ip rule del priority 102 from 100.64.2.10 lookup 102 proto 200", operations[3].ToIpCommand());
    }

    [Fact]
    public void Remove_skips_a_hand_made_rule_already_back_and_notes_a_route_whose_nic_is_gone()
    {
        var gone = HandMadeDefault with { Device = "ens9" };
        var host = SampleHost.TwoNics().WithRule(HandMadeRule);
        var state = AppliedState.Empty with { AdoptedRoutes = [gone], AdoptedRules = [HandMadeRule] };

        var (operations, notes) = Removal.Compute(host.Snapshot, state);

        Assert.Empty(operations);
        Assert.Equal(["not restoring \"default via 100.64.2.1 dev ens9 table 102\": ens9 no longer exists"], notes);
    }
}
