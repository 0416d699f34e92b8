using System.Net;
using BootRoute.Apply;
using BootRoute.Model;
using BootRoute.Planning;
using Xunit;

namespace BootRoute.Tests.Planning;

public class DiffTests
{
    private static RoutingPlan PlanOf(SampleHost host) =>
        Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;

    /// <summary>The state the kernel is in after every operation has been applied.</summary>
    internal static HostSnapshot Converged(HostSnapshot before, IEnumerable<Operation> operations)
    {
        var routes = before.Routes.ToList();
        var rules = before.Rules.ToList();
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case RouteAdd add: routes.Add(add.Route); break;
                case RouteReplace replace: routes.Remove(replace.Previous); routes.Add(replace.Route); break;
                case RouteDelete delete: Assert.True(routes.Remove(delete.Route)); break;
                case RuleAdd add: rules.Add(add.Rule); break;
                case RuleDelete delete: Assert.True(rules.Remove(delete.Rule)); break;
            }
        }
        return before with { Routes = routes, Rules = rules };
    }

    [Fact]
    public void A_fresh_instance_gets_tables_then_rules_then_loses_the_secondary_default()
    {
        var host = SampleHost.TwoNics().WithRoute(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens4",
            IPAddress.Parse("100.64.2.1"), Protocol: RouteProtocols.Boot, Metric: 100));

        var operations = Diff.Compute(PlanOf(host), host.Snapshot);

        Assert.Equal(
            [
                "ip route add 100.64.1.0/24 dev ens3 table 101 proto 200 scope link src 100.64.1.10",
                "ip route add default via 100.64.1.1 dev ens3 table 101 proto 200",
                "ip route add 100.64.2.0/24 dev ens4 table 102 proto 200 scope link src 100.64.2.10",
                "ip route add default via 100.64.2.1 dev ens4 table 102 proto 200",
                "ip rule add priority 100 from all lookup main suppress_prefixlength 0 proto 200",
                "ip rule add priority 101 from 100.64.1.10 lookup 101 proto 200",
                "ip rule add priority 102 from 100.64.2.10 lookup 102 proto 200",
                "ip route del default via 100.64.2.1 dev ens4 metric 100",
            ],
            operations.Select(operation => operation.ToIpCommand()));
    }

    [Fact]
    public void A_converged_kernel_needs_no_operation()
    {
        var host = SampleHost.TwoNics();
        var plan = PlanOf(host);

        var after = Converged(host.Snapshot, Diff.Compute(plan, host.Snapshot));

        Assert.Empty(Diff.Compute(plan, after));
    }

    [Fact]
    public void The_primary_default_is_added_when_no_dhcp_client_installed_one()
    {
        var host = SampleHost.TwoNics().WithoutRoute(route => route.IsDefault);

        var operations = Diff.Compute(PlanOf(host), host.Snapshot);

        Assert.Contains("ip route add default via 100.64.1.1 dev ens3 proto 200", operations.Select(operation => operation.ToIpCommand()));
    }

    [Fact]
    public void A_secondary_default_with_the_same_metric_is_replaced_in_one_step()
    {
        var settings = SampleHost.Configured(
            new global::BootRoute.Settings.InterfaceSelection("ens3", true, null, null),
            new global::BootRoute.Settings.InterfaceSelection("ens4", null, null, null));
        var host = SampleHost.TwoNics()
            .WithoutRoute(route => route.IsDefault)
            .WithRoute(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"), Protocol: RouteProtocols.Boot));
        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(settings, host.Snapshot, host.Leases)).Plan;

        var operations = Diff.Compute(plan, host.Snapshot);

        var replace = Assert.Single(operations.OfType<RouteReplace>());
        Assert.Equal("ens4", replace.Previous.Device);
        Assert.Equal("default via 100.64.1.1 dev ens3 proto 200", replace.Route.ToString());
        Assert.DoesNotContain(operations, operation => operation is RouteDelete);
        Assert.Empty(Diff.Compute(plan, Converged(host.Snapshot, operations)));
    }

    [Fact]
    public void A_changed_lease_leaves_no_stale_rule_or_route()
    {
        var before = SampleHost.TwoNics();
        var converged = Converged(before.Snapshot, Diff.Compute(PlanOf(before), before.Snapshot));
        var renewed = new SampleHost()
            .Nic("ens3", "100.64.1.10", 24, "100.64.1.1")
            .Nic("ens4", "100.64.3.20", 24, "100.64.3.1");
        var kernel = converged with { Addresses = renewed.Snapshot.Addresses };

        var operations = Diff.Compute(PlanOf(renewed), kernel);
        var after = Converged(kernel, operations);

        Assert.Contains("ip rule del priority 102 from 100.64.2.10 lookup 102 proto 200", operations.Select(operation => operation.ToIpCommand()));
        Assert.Contains("ip route del 100.64.2.0/24 dev ens4 table 102 proto 200 scope link src 100.64.2.10",
            operations.Select(operation => operation.ToIpCommand()));
        Assert.DoesNotContain(after.Rules, rule => rule.Source?.BaseAddress.Equals(IPAddress.Parse("100.64.2.10")) == true);
        Assert.Contains(operations, operation => operation is RouteReplace { Route.Gateway: var gateway } && gateway!.Equals(IPAddress.Parse("100.64.3.1")));
    }

    [Fact]
    public void Foreign_rules_and_routes_are_never_touched()
    {
        var host = SampleHost.TwoNics()
            .WithRule(new PolicyRule(500, new IPNetwork(IPAddress.Parse("100.64.9.0"), 24), 77, RouteProtocols.Static))
            .WithRoute(new Route(77, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.254"), Protocol: RouteProtocols.Static))
            .WithRoute(new Route(101, new IPNetwork(IPAddress.Parse("100.100.0.0"), 16), "ens3", IPAddress.Parse("100.64.1.1"), Protocol: 18));

        var operations = Diff.Compute(PlanOf(host), host.Snapshot);

        Assert.DoesNotContain(operations, operation => operation is RuleDelete or RouteDelete { Route.Protocol: not RouteProtocols.Boot });
    }

    [Fact]
    public void A_configured_primary_gateway_displaces_the_dhcp_default_and_then_converges()
    {
        var host = SampleHost.TwoNics();
        var settings = SampleHost.Configured(
            new BootRoute.Settings.InterfaceSelection("ens3", true, null, null) { Gateway = IPAddress.Parse("100.64.1.254") },
            new BootRoute.Settings.InterfaceSelection("ens4", null, null, null));
        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(settings, host.Snapshot, host.Leases)).Plan;

        var operations = Diff.Compute(plan, host.Snapshot);

        var replace = Assert.Single(operations.OfType<RouteReplace>());
        Assert.Equal("ip route replace default via 100.64.1.254 dev ens3 proto 200", replace.ToIpCommand());
        Assert.Equal(IPAddress.Parse("100.64.1.1"), replace.Previous.Gateway);
        Assert.Empty(Diff.Compute(plan, Converged(host.Snapshot, operations)));
    }

    [Fact]
    public void The_dhcp_clients_own_default_on_the_primary_is_left_alone_when_it_matches()
    {
        var host = SampleHost.TwoNics();

        var operations = Diff.Compute(PlanOf(host), host.Snapshot);

        Assert.DoesNotContain(operations, operation => operation is RouteReplace or RouteDelete);
    }
}
