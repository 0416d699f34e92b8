using System.Net;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Planning;

public class PlannerTests
{
    private static RoutingPlan PlanOf(AgentSettings settings, SampleHost host) =>
        Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(settings, host.Snapshot, host.Leases)).Plan;

    [Fact]
    public void Two_dhcp_nics_get_one_table_and_rule_each_in_name_order()
    {
        var plan = PlanOf(SampleHost.Automatic, SampleHost.TwoNics());

        Assert.Equal(["ens3", "ens4"], plan.Interfaces.Select(nic => nic.Name));
        Assert.Equal([101u, 102u], plan.Interfaces.Select(nic => nic.Table));
        Assert.Equal([101u, 102u], plan.Interfaces.Select(nic => nic.Priority));
        Assert.Equal(
            [
                "100.64.2.0/24 dev ens4 table 102 proto 200 scope link src 100.64.2.10",
                "default via 100.64.2.1 dev ens4 table 102 proto 200",
            ],
            plan.Tables[1].Routes.Select(route => route.ToString()));
        Assert.Equal("ens4", plan.Tables[1].Name);
    }

    [Fact]
    public void Suppress_rule_comes_before_the_per_source_rules()
    {
        var plan = PlanOf(SampleHost.Automatic, SampleHost.TwoNics());

        Assert.Equal(
            [
                "100:\tfrom all lookup main suppress_prefixlength 0 proto 200",
                "101:\tfrom 100.64.1.10 lookup 101 proto 200",
                "102:\tfrom 100.64.2.10 lookup 102 proto 200",
            ],
            plan.Rules.Select(rule => rule.ToString()));
    }

    [Fact]
    public void Primary_is_the_nic_that_holds_the_main_default()
    {
        var host = SampleHost.TwoNics()
            .WithoutRoute(route => route.Table == RoutingTables.Main && route.IsDefault)
            .WithRoute(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"), Protocol: RouteProtocols.Boot));

        var plan = PlanOf(SampleHost.Automatic, host);

        Assert.Equal("ens4", plan.Primary.Name);
        Assert.Equal("default via 100.64.2.1 dev ens4 proto 200", plan.PrimaryDefault.ToString());
    }

    [Fact]
    public void Without_any_main_default_the_first_nic_is_primary()
    {
        var host = SampleHost.TwoNics().WithoutRoute(route => route.IsDefault);

        Assert.Equal("ens3", PlanOf(SampleHost.Automatic, host).Primary.Name);
    }

    [Fact]
    public void Configured_primary_and_table_win()
    {
        var settings = SampleHost.Configured(
            new InterfaceSelection("ens3", null, null, null),
            new InterfaceSelection("ens4", true, 4000, IPAddress.Parse("203.0.113.20")));

        var plan = PlanOf(settings, SampleHost.TwoNics());

        Assert.Equal("ens4", plan.Primary.Name);
        Assert.Equal([101u, 4000u], plan.Interfaces.Select(nic => nic.Table));
        Assert.Equal(IPAddress.Parse("203.0.113.20"), plan.Interfaces[1].FloatingIp);
    }

    [Fact]
    public void Names_are_ordered_as_people_read_them()
    {
        var host = new SampleHost()
            .Nic("ens10", "100.64.10.10", 24, "100.64.10.1")
            .Nic("ens9", "100.64.9.10", 24, "100.64.9.1");

        Assert.Equal(["ens9", "ens10"], PlanOf(SampleHost.Automatic, host).Interfaces.Select(nic => nic.Name));
    }

    [Fact]
    public void The_same_input_gives_the_same_plan()
    {
        var host = SampleHost.TwoNics();
        var first = PlanOf(SampleHost.Automatic, host);
        var second = PlanOf(SampleHost.Automatic, host);

        Assert.Equal(first.Rules, second.Rules);
        Assert.Equal(first.OwnedRoutes, second.OwnedRoutes);
        Assert.Equal(first.PrimaryDefault, second.PrimaryDefault);
    }

    [Fact]
    public void A_single_nic_in_automatic_mode_needs_nothing()
    {
        var host = new SampleHost().Nic("ens3", "100.64.1.10", 24, "100.64.1.1");

        var outcome = Assert.IsType<PlanningOutcome.NothingToDo>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases));

        Assert.Contains("ens3", outcome.Reason);
    }

    [Fact]
    public void No_lease_at_all_is_a_discovery_failure()
    {
        var host = SampleHost.TwoNics().WithoutLease("ens3").WithoutLease("ens4");

        Assert.IsType<PlanningOutcome.Failed>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases));
    }

    [Fact]
    public void Configured_interfaces_that_cannot_be_managed_are_each_named()
    {
        var settings = SampleHost.Configured(
            new InterfaceSelection("ens4", null, null, null),
            new InterfaceSelection("ens5", null, null, null));
        var host = SampleHost.TwoNics().WithoutLease("ens4");

        var failed = Assert.IsType<PlanningOutcome.Failed>(Planner.Plan(settings, host.Snapshot, host.Leases));

        Assert.Equal(2, failed.Problems.Count);
        Assert.StartsWith("ens4: no DHCP lease", failed.Problems[0]);
        Assert.Equal("ens5: no such interface", failed.Problems[1]);
    }

    [Fact]
    public void A_lease_whose_address_is_not_on_the_nic_is_not_managed()
    {
        var host = SampleHost.TwoNics().Nic("ens5", "100.64.5.10", 24, "100.64.5.1");
        var stale = host.Snapshot with { Addresses = host.Snapshot.Addresses.Where(address => address.InterfaceName != "ens5").ToList() };

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, stale, host.Leases)).Plan;

        Assert.DoesNotContain(plan.Interfaces, nic => nic.Name == "ens5");
    }

    [Fact]
    public void Every_address_on_a_nic_gets_a_rule_into_its_table()
    {
        var host = SampleHost.TwoNics().SecondaryAddress("ens4", "100.64.2.11", 24);

        var plan = PlanOf(SampleHost.Automatic, host);

        Assert.Contains(plan.Rules, rule => rule.ToString() == "102:\tfrom 100.64.2.11 lookup 102 proto 200");
        Assert.Contains(plan.Rules, rule => rule.ToString() == "102:\tfrom 100.64.2.10 lookup 102 proto 200");
    }

    [Fact]
    public void Classless_static_routes_other_than_the_default_go_into_the_nics_table()
    {
        var host = new SampleHost()
            .Nic("ens3", "100.64.1.10", 24, "100.64.1.1")
            .Nic("ens4", "100.64.2.10", 24, "100.64.2.1",
            [
                new ClasslessStaticRoute(new IPNetwork(IPAddress.Parse("169.254.169.254"), 32), IPAddress.Parse("100.64.2.2")),
                new ClasslessStaticRoute(IPNetworkExtensions.DefaultIPv4, IPAddress.Parse("100.64.2.1")),
            ]);

        var table = PlanOf(SampleHost.Automatic, host).Tables[1];

        Assert.Equal(
            [
                "100.64.2.0/24 dev ens4 table 102 proto 200 scope link src 100.64.2.10",
                "default via 100.64.2.1 dev ens4 table 102 proto 200",
                "169.254.169.254 via 100.64.2.2 dev ens4 table 102 proto 200",
            ],
            table.Routes.Select(route => route.ToString()));
    }

    [Fact]
    public void A_gateway_outside_the_prefix_is_reached_onlink()
    {
        var host = new SampleHost()
            .Nic("ens3", "100.64.1.10", 32, "100.64.1.1")
            .Nic("ens4", "100.64.2.10", 24, "100.64.2.1");

        var plan = PlanOf(SampleHost.Automatic, host);

        Assert.Equal("default via 100.64.1.1 dev ens3 table 101 proto 200 onlink", plan.Tables[0].Routes[0].ToString());
    }

    [Fact]
    public void A_slash_32_lease_gets_no_route_to_its_own_address_in_its_table()
    {
        var host = new SampleHost()
            .Nic("ens3", "100.64.1.10", 32, "100.64.1.1")
            .Nic("ens4", "100.64.2.10", 24, "100.64.2.1");

        var plan = PlanOf(SampleHost.Automatic, host);

        Assert.DoesNotContain(plan.Tables[0].Routes, route => route.Destination.PrefixLength == 32);
        Assert.Single(plan.Tables[0].Routes);
        Assert.Contains(plan.Tables[1].Routes, route => route.ToString().StartsWith("100.64.2.0/24 dev ens4", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_nics_configured_into_one_table_is_refused()
    {
        var settings = SampleHost.Configured(
            new InterfaceSelection("ens3", null, null, null),
            new InterfaceSelection("ens4", null, 101, null));

        var failed = Assert.IsType<PlanningOutcome.Failed>(Planner.Plan(settings, SampleHost.TwoNics().Snapshot, SampleHost.TwoNics().Leases));

        Assert.Contains("ens3 and ens4 would share table 101", failed.Problems[0]);
    }

    [Fact]
    public void Table_and_priority_bases_are_configurable()
    {
        var settings = SampleHost.Automatic with { Routing = new RoutingSettings(TableBase: 1000, PriorityBase: 2000) };

        var plan = PlanOf(settings, SampleHost.TwoNics());

        Assert.Equal([1001u, 1002u], plan.Interfaces.Select(nic => nic.Table));
        Assert.Equal([2000u, 2001u, 2002u], plan.Rules.Select(rule => rule.Priority));
    }

    [Fact]
    public void A_table_base_that_lands_on_main_is_refused()
    {
        var settings = SampleHost.Automatic with { Routing = new RoutingSettings(TableBase: 252, PriorityBase: 100) };

        var failed = Assert.IsType<PlanningOutcome.Failed>(Planner.Plan(settings, SampleHost.TwoNics().Snapshot, SampleHost.TwoNics().Leases));

        Assert.Equal(["ens3: table 253 is reserved by the kernel (0, 253 default, 254 main, 255 local): set routing.table_base or interfaces[].table so no managed interface lands on it",
            "ens4: table 254 is reserved by the kernel (0, 253 default, 254 main, 255 local): set routing.table_base or interfaces[].table so no managed interface lands on it"],
            failed.Problems);
    }

    [Fact]
    public void Without_a_main_default_the_lowest_ifindex_is_primary()
    {
        var host = new SampleHost()
            .Nic("ens10", "100.64.10.10", 24, "100.64.10.1")
            .Nic("ens9", "100.64.9.10", 24, "100.64.9.1");

        var plan = PlanOf(SampleHost.Automatic, host);

        Assert.Equal("ens9", plan.Interfaces[0].Name);
        Assert.Equal("ens10", plan.Primary.Name);
    }

    [Fact]
    public void A_configured_nic_can_be_chosen_by_mac()
    {
        var settings = SampleHost.Configured(
            new InterfaceSelection(null, null, null, null, System.Net.NetworkInformation.PhysicalAddress.Parse("FA-16-3E-00-00-03")),
            new InterfaceSelection("ens3", true, null, null));

        var plan = PlanOf(settings, SampleHost.TwoNics());

        Assert.Equal(["ens4", "ens3"], plan.Interfaces.Select(nic => nic.Name));
        Assert.Equal([101u, 102u], plan.Interfaces.Select(nic => nic.Table));
    }
}
