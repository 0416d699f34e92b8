using System.Net;
using BootRoute.Apply;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Settings;
using BootRoute.State;
using Xunit;

namespace BootRoute.Tests.Planning;

/// <summary>Two ports on one OpenStack network: both NICs in 100.64.1.0/24 behind the same gateway.</summary>
public class SharedSubnetTests
{
    private static SampleHost SameSubnet()
    {
        var host = new SampleHost()
            .Nic("ens3", "100.64.1.10", 24, "100.64.1.1")
            .Nic("ens4", "100.64.1.11", 24, "100.64.1.1")
            .Nic("ens5", "100.64.2.10", 24, "100.64.2.1");
        return host.WithRoute(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Boot));
    }

    private static PlanningOutcome.Planned PlannedOf(AgentSettings settings, SampleHost host) =>
        Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(settings, host.Snapshot, host.Leases));

    private static HostSnapshot Converged(HostSnapshot before, IEnumerable<Operation> operations)
    {
        var rules = before.Rules.ToList();
        var routes = before.Routes.ToList();
        var sysctls = new Dictionary<string, string>(before.Sysctls);
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case RouteAdd add: routes.Add(add.Route); break;
                case RouteReplace replace: routes.Remove(replace.Previous); routes.Add(replace.Route); break;
                case RouteDelete delete: Assert.True(routes.Remove(delete.Route)); break;
                case RuleAdd add: rules.Add(add.Rule); break;
                case RuleDelete delete: Assert.True(rules.Remove(delete.Rule)); break;
                case SysctlSet set: sysctls[set.Key] = set.Value; break;
            }
        }
        return before with { Routes = routes, Rules = rules, Sysctls = sysctls };
    }

    private static HostSnapshot WithArpSysctls(HostSnapshot snapshot) => snapshot with
    {
        Sysctls = new[] { "ens3", "ens4", "ens5" }.SelectMany(nic => new[]
            {
                SysctlKeys.ArpFilter(nic), SysctlKeys.ArpIgnore(nic), SysctlKeys.ArpAnnounce(nic),
            })
            .ToDictionary(key => key, _ => "0"),
    };

    [Fact]
    public void Nics_sharing_a_subnet_get_from_to_rules_just_ahead_of_the_suppress_rule()
    {
        var plan = PlannedOf(SampleHost.Automatic, SameSubnet()).Plan;

        Assert.Equal(
            [
                "99:\tfrom 100.64.1.10 to 100.64.1.0/24 lookup 101 proto 200",
                "99:\tfrom 100.64.1.11 to 100.64.1.0/24 lookup 102 proto 200",
                "100:\tfrom all lookup main suppress_prefixlength 0 proto 200",
                "101:\tfrom 100.64.1.10 lookup 101 proto 200",
                "102:\tfrom 100.64.1.11 lookup 102 proto 200",
                "103:\tfrom 100.64.2.10 lookup 103 proto 200",
            ],
            plan.Rules.Select(rule => rule.ToString()));
    }

    [Fact]
    public void The_priority_follows_priority_base_and_a_secondary_address_gets_its_rule_too()
    {
        var settings = SampleHost.Automatic with { Routing = SampleHost.Automatic.Routing with { PriorityBase = 1000 } };
        var host = SameSubnet().SecondaryAddress("ens4", "100.64.1.12", 24);

        var plan = PlannedOf(settings, host).Plan;

        Assert.Equal(
            [
                "999:\tfrom 100.64.1.10 to 100.64.1.0/24 lookup 101 proto 200",
                "999:\tfrom 100.64.1.11 to 100.64.1.0/24 lookup 102 proto 200",
                "999:\tfrom 100.64.1.12 to 100.64.1.0/24 lookup 102 proto 200",
            ],
            plan.Rules.Where(rule => rule.Destination is not null).Select(rule => rule.ToString()));
        Assert.Equal(1000u, plan.Rules.Single(rule => rule.SuppressPrefixLength == 0).Priority);
    }

    [Fact]
    public void Nics_on_separate_subnets_get_no_from_to_rule_and_no_arp_sysctl()
    {
        var plan = PlannedOf(SampleHost.Automatic, SampleHost.TwoNics()).Plan;

        Assert.DoesNotContain(plan.Rules, rule => rule.Destination is not null);
        Assert.Empty(plan.Sysctls);
    }

    [Fact]
    public void Sharing_nics_get_the_arp_sysctls_without_arp_flux_and_the_report_says_so()
    {
        var planned = PlannedOf(SampleHost.Automatic, SameSubnet());

        Assert.Equal(
            [
                "ens3 arp_filter=1", "ens3 arp_ignore=1", "ens3 arp_announce=2",
                "ens4 arp_filter=1", "ens4 arp_ignore=1", "ens4 arp_announce=2",
            ],
            planned.Plan.Sysctls.Select(value => $"{value.Key.Split('/')[^2]} {value.Key.Split('/')[^1]}={value.Value}"));
        var note = Assert.Single(planned.Notes);
        Assert.Equal("ens3 and ens4 share 100.64.1.0/24: traffic from each address to it leaves by its own NIC (from/to rules at priority 99), "
            + "and each NIC answers ARP only for its own addresses (arp_filter=1, arp_ignore=1, arp_announce=2)", note);
    }

    [Fact]
    public void Arp_flux_adds_no_duplicate_for_sharing_nics()
    {
        var settings = SampleHost.Automatic with { Sysctl = SampleHost.Automatic.Sysctl with { ArpFlux = true } };

        var plan = PlannedOf(settings, SameSubnet()).Plan;

        Assert.Equal(9, plan.Sysctls.Count);
        Assert.Equal(plan.Sysctls.Count, plan.Sysctls.Select(value => value.Key).Distinct().Count());
    }

    [Fact]
    public void A_priority_base_of_one_cannot_hold_the_from_to_rules_and_fails_before_anything_is_touched()
    {
        var settings = SampleHost.Automatic with { Routing = SampleHost.Automatic.Routing with { PriorityBase = 1 } };

        var failed = Assert.IsType<PlanningOutcome.Failed>(Planner.Plan(settings, SameSubnet().Snapshot, SameSubnet().Leases));

        Assert.Equal("ens3 and ens4 share a subnet: their on-subnet rules need priority routing.priority_base - 1, "
            + "so routing.priority_base must be at least 2, not 1", Assert.Single(failed.Problems));
    }

    [Fact]
    public void A_second_run_against_the_converged_kernel_changes_nothing()
    {
        var host = SameSubnet();
        var plan = PlannedOf(SampleHost.Automatic, host).Plan;
        var before = WithArpSysctls(host.Snapshot);

        var operations = Diff.Compute(plan, before);
        var after = Converged(before, operations);

        Assert.Equal(2, operations.OfType<RuleAdd>().Count(add => add.Rule.Destination is not null));
        Assert.Contains("ip rule add priority 99 from 100.64.1.11 to 100.64.1.0/24 lookup 102 proto 200",
            operations.Select(operation => operation.ToIpCommand()));
        Assert.Empty(Diff.Compute(plan, after));
        Assert.Empty(Clashes.Find(plan, after));
    }

    [Fact]
    public void A_foreign_rule_at_the_from_to_priority_is_a_clash()
    {
        var host = SameSubnet().WithRule(new PolicyRule(99, IPNetwork.Parse("10.9.9.9/32"), 77, RouteProtocols.Static));

        var clash = Assert.Single(Clashes.Find(PlannedOf(SampleHost.Automatic, host).Plan, host.Snapshot));

        Assert.StartsWith("foreign rule \"99: from 10.9.9.9 lookup 77 proto static\" holds priority 99", clash);
    }

    [Fact]
    public void Remove_deletes_the_from_to_rules_and_restores_the_arp_sysctls()
    {
        var host = SameSubnet();
        var before = WithArpSysctls(host.Snapshot);
        var operations = Diff.Compute(PlannedOf(SampleHost.Automatic, host).Plan, before);
        var applied = Converged(before, operations);
        var state = new AppliedState([], operations.OfType<SysctlSet>().Select(set => new SysctlOriginal(set.Key, set.Previous)).ToList());

        var (removal, _) = Removal.Compute(applied, state);
        var restored = Converged(applied, removal);

        Assert.Equal(before.Rules.Select(rule => rule.ToString()), restored.Rules.Select(rule => rule.ToString()));
        Assert.Equal(before.Sysctls.OrderBy(pair => pair.Key), restored.Sysctls.OrderBy(pair => pair.Key));
    }
}
