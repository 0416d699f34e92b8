using System.Net;
using BootRoute.Apply;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.State;
using Xunit;

namespace BootRoute.Tests.Planning;

public class ClashesAndRemovalTests
{
    private static RoutingPlan PlanOf(SampleHost host) =>
        Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;

    [Fact]
    public void A_foreign_rule_at_a_planned_priority_is_a_clash_named_in_full()
    {
        var host = SampleHost.TwoNics().WithRule(new PolicyRule(101, IPNetwork.Parse("100.64.9.9/32"), 77, RouteProtocols.Static));

        var clash = Assert.Single(Clashes.Find(PlanOf(host), host.Snapshot));

        Assert.Equal("foreign rule \"101: from 100.64.9.9 lookup 77 proto static\" holds priority 101, which BootRoute needs for "
            + "\"from 100.64.1.10 lookup 101 proto 200\"; move it or set routing.priority_base", clash);
    }

    [Fact]
    public void A_foreign_route_in_a_planned_table_is_a_clash()
    {
        var host = SampleHost.TwoNics().WithRoute(new Route(102, IPNetwork.Parse("100.100.0.0/16"), "ens4", IPAddress.Parse("100.64.2.1"), Protocol: 18));

        var clash = Assert.Single(Clashes.Find(PlanOf(host), host.Snapshot));

        Assert.StartsWith("foreign route \"100.100.0.0/16 via 100.64.2.1 dev ens4 table 102 proto 18\" is in table 102, which BootRoute needs for ens4", clash);
    }

    [Fact]
    public void Foreign_objects_elsewhere_and_bootroutes_own_are_no_clash()
    {
        var host = SampleHost.TwoNics()
            .WithRule(new PolicyRule(500, IPNetwork.Parse("100.64.9.0/24"), 77, RouteProtocols.Static))
            .WithRoute(new Route(77, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Static))
            .WithRule(new PolicyRule(101, IPNetwork.Parse("100.64.1.10/32"), 101));

        Assert.Empty(Clashes.Find(PlanOf(host), host.Snapshot));
    }

    [Fact]
    public void Remove_restores_removed_defaults_first_then_deletes_what_bootroute_owns()
    {
        var ens4Default = new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"),
            Protocol: RouteProtocols.Dhcp, Metric: 1003);
        var host = SampleHost.TwoNics()
            .WithRule(new PolicyRule(100, null, RoutingTables.Main, SuppressPrefixLength: 0))
            .WithRule(new PolicyRule(102, IPNetwork.Parse("100.64.2.10/32"), 102))
            .WithRoute(new Route(102, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1")));

        var (operations, notes) = Removal.Compute(host.Snapshot, new AppliedState([ens4Default], []));

        Assert.Empty(notes);
        Assert.Equal(
            [
                "ip route add default via 100.64.2.1 dev ens4 proto dhcp metric 1003",
                "ip rule del priority 100 from all lookup main suppress_prefixlength 0 proto 200",
                "ip rule del priority 102 from 100.64.2.10 lookup 102 proto 200",
                "ip route del default via 100.64.2.1 dev ens4 table 102 proto 200",
            ],
            operations.Select(operation => operation.ToIpCommand()));
    }

    [Fact]
    public void A_default_bootroute_displaced_comes_back_by_replacing_bootroutes_own()
    {
        var dhclientDefault = new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"), Protocol: RouteProtocols.Boot);
        var ours = new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.1"));
        var host = SampleHost.TwoNics().WithoutRoute(route => route.IsDefault).WithRoute(ours);

        var (operations, _) = Removal.Compute(host.Snapshot, new AppliedState([dhclientDefault], []));

        Assert.Equal([new RouteReplace(dhclientDefault, ours)], operations);
    }

    [Fact]
    public void A_default_whose_nic_is_gone_or_whose_place_is_taken_is_reported_not_forced()
    {
        var gone = new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens9", IPAddress.Parse("100.64.9.1"), Protocol: RouteProtocols.Boot);
        var taken = new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"), Protocol: RouteProtocols.Boot);

        var (operations, notes) = Removal.Compute(SampleHost.TwoNics().Snapshot, new AppliedState([gone, taken], []));

        Assert.Empty(operations);
        Assert.Equal(2, notes.Count);
        Assert.Contains("ens9 no longer exists", notes[0]);
        Assert.Contains("holds its place now", notes[1]);
    }

    [Fact]
    public void Sysctls_bootroute_changed_get_their_original_value_back()
    {
        var snapshot = SampleHost.TwoNics().Snapshot with
        {
            Sysctls = new Dictionary<string, string> { ["net/ipv4/conf/ens4/rp_filter"] = "2", ["net/ipv4/conf/ens3/rp_filter"] = "1" },
        };

        var (operations, _) = Removal.Compute(snapshot, new AppliedState([],
            [new SysctlOriginal("net/ipv4/conf/ens4/rp_filter", "1"), new SysctlOriginal("net/ipv4/conf/ens3/rp_filter", "1")]));

        Assert.Equal([new SysctlSet("net/ipv4/conf/ens4/rp_filter", "1", "2")], operations);
        Assert.Equal("sysctl -w net.ipv4.conf.ens4.rp_filter=1", operations[0].ToIpCommand());
    }

    [Fact]
    public void Loose_rp_filter_is_planned_only_where_it_differs_and_strict_nics_are_reported()
    {
        var host = SampleHost.TwoNics();
        var snapshot = host.Snapshot with
        {
            Sysctls = new Dictionary<string, string>
            {
                ["net/ipv4/conf/all/rp_filter"] = "0",
                ["net/ipv4/conf/ens3/rp_filter"] = "2",
                ["net/ipv4/conf/ens4/rp_filter"] = "1",
            },
        };
        var loose = SampleHost.Automatic with { Sysctl = new global::BootRoute.Settings.SysctlSettings(LooseReversePathFilter: true, ArpFlux: false) };
        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(loose, snapshot, host.Leases)).Plan;
        var keep = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, snapshot, host.Leases)).Plan;

        Assert.Equal([new SysctlSet("net/ipv4/conf/ens4/rp_filter", "2", "1")], Diff.Compute(plan, snapshot).OfType<SysctlSet>());
        Assert.Empty(ReversePathAdvice.For(plan, snapshot));
        Assert.StartsWith("ens4: rp_filter is strict (1)", Assert.Single(ReversePathAdvice.For(keep, snapshot)));
    }
}
