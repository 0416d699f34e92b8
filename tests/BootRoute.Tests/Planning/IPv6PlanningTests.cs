using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using BootRoute.Model;
using BootRoute.Planning;
using Xunit;

namespace BootRoute.Tests.Planning;

/// <summary>
/// Dual stack on the two-NIC instance: each NIC has SLAAC addresses (a stable and a privacy one on
/// ens3) in its own /64 and a router-advertised default via its router's link-local address.
/// </summary>
public sealed class IPv6PlanningTests
{
    private static readonly IPNetwork Prefix3 = IPNetwork.Parse("2001:db8:1::/64");
    private static readonly IPNetwork Prefix4 = IPNetwork.Parse("2001:db8:2::/64");

    private static Route RaDefault(string nic, string router) =>
        new(RoutingTables.Main, IPNetworkExtensions.DefaultIPv6, nic, IPAddress.Parse(router), Protocol: RouteProtocols.RouterAdvertisement, Metric: 1024);

    private static readonly Route RaDefault3 = RaDefault("ens3", "fe80::1");
    private static readonly Route RaDefault4 = RaDefault("ens4", "fe80::2");

    private static HostSnapshot DualStack(bool secondaryHasIPv6 = true)
    {
        var snapshot = SampleHost.TwoNics().Snapshot;
        List<InterfaceAddress> addresses =
        [
            new(2, "ens3", IPAddress.Parse("2001:db8:1::10"), 64, RouteScope.Universe, IsDynamic: true),
            new(2, "ens3", IPAddress.Parse("2001:db8:1::77"), 64, RouteScope.Universe, IsDynamic: true, IsTemporary: true),
        ];
        List<Route> routes = [new(RoutingTables.Main, Prefix3, "ens3", Protocol: RouteProtocols.Kernel, Metric: 256), RaDefault3];
        if (secondaryHasIPv6)
        {
            addresses.Add(new(3, "ens4", IPAddress.Parse("2001:db8:2::20"), 64, RouteScope.Universe, IsDynamic: true));
            routes.AddRange([new(RoutingTables.Main, Prefix4, "ens4", Protocol: RouteProtocols.Kernel, Metric: 256), RaDefault4]);
        }
        return snapshot with
        {
            IPv6 = new FamilyState(addresses, routes, [new(0, null, RoutingTables.Local, RouteProtocols.Kernel, Family: AddressFamily.InterNetworkV6),
                new(32766, null, RoutingTables.Main, RouteProtocols.Kernel, Family: AddressFamily.InterNetworkV6)]),
            Sysctls = new Dictionary<string, string> { ["net/ipv6/conf/ens3/accept_ra_defrtr"] = "1", ["net/ipv6/conf/ens4/accept_ra_defrtr"] = "1" },
        };
    }

    private static RoutingPlan PlanOf(HostSnapshot snapshot, BootRoute.Settings.AgentSettings? settings = null) =>
        Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(settings ?? SampleHost.Automatic, snapshot, SampleHost.TwoNics().Leases)).Plan;

    [Fact]
    public void Each_nic_gets_its_prefix_and_router_in_its_table_and_a_rule_per_prefix_behind_an_ipv6_suppress_rule()
    {
        var ipv6 = PlanOf(DualStack()).IPv6!;

        Assert.Equal("ens3", ipv6.Primary.Name);
        Assert.Equal(
        [
            "2001:db8:1::/64 dev ens3 table 101 proto 200 metric 1024", "default via fe80::1 dev ens3 table 101 proto 200 metric 1024",
            "2001:db8:2::/64 dev ens4 table 102 proto 200 metric 1024", "default via fe80::2 dev ens4 table 102 proto 200 metric 1024",
        ], ipv6.OwnedRoutes.Select(route => route.ToString()));
        Assert.Equal(
            ["100:\tfrom all lookup main suppress_prefixlength 0 proto 200", "101:\tfrom 2001:db8:1::/64 lookup 101 proto 200", "102:\tfrom 2001:db8:2::/64 lookup 102 proto 200"],
            ipv6.Rules.Select(rule => rule.ToString()));
        Assert.All(ipv6.Rules, rule => Assert.True(rule.IsIPv6));
        Assert.Equal([new SysctlValue("net/ipv6/conf/ens4/accept_ra_defrtr", "0")], ipv6.Sysctls);
    }

    [Fact]
    public void The_diff_fills_the_tables_stops_the_secondarys_router_defaults_and_moves_its_default_out_of_main_last()
    {
        var snapshot = DualStack();
        var plan = PlanOf(snapshot);

        var commands = Diff.Compute(plan, snapshot).Select(operation => operation.ToIpCommand()).Where(command => command.Contains("-6", StringComparison.Ordinal) || command.Contains("ipv6", StringComparison.Ordinal)).ToList();

        Assert.Equal(
        [
            "ip -6 route add 2001:db8:1::/64 dev ens3 table 101 proto 200 metric 1024",
            "ip -6 route add default via fe80::1 dev ens3 table 101 proto 200 metric 1024",
            "ip -6 route add 2001:db8:2::/64 dev ens4 table 102 proto 200 metric 1024",
            "ip -6 route add default via fe80::2 dev ens4 table 102 proto 200 metric 1024",
            "sysctl -w net.ipv6.conf.ens4.accept_ra_defrtr=0",
            "ip -6 rule add priority 100 from all lookup main suppress_prefixlength 0 proto 200",
            "ip -6 rule add priority 101 from 2001:db8:1::/64 lookup 101 proto 200",
            "ip -6 rule add priority 102 from 2001:db8:2::/64 lookup 102 proto 200",
            "ip -6 route del default via fe80::2 dev ens4 proto ra metric 1024",
        ], commands);
    }

    [Fact]
    public void A_second_run_on_the_applied_state_changes_nothing_and_remove_lets_the_secondarys_router_restore_its_default()
    {
        var before = DualStack();
        var plan = PlanOf(before);
        var applied = Applied(before, plan);

        Assert.Empty(Diff.Compute(PlanOf(applied), applied));
        var state = new AppliedState([RaDefault4], [new SysctlOriginal("net/ipv6/conf/ens4/accept_ra_defrtr", "1")]);
        var (operations, notes) = Removal.Compute(applied, state);
        var removal = operations.Select(operation => operation.ToIpCommand()).Where(command => command.Contains("-6", StringComparison.Ordinal) || command.Contains("ipv6", StringComparison.Ordinal)).ToList();
        Assert.Equal(["\"default via fe80::2 dev ens4 proto ra metric 1024\" comes back with ens4's next router advertisement (accept_ra_defrtr is restored)"], notes);
        Assert.Equal(
        [
            "sysctl -w net.ipv6.conf.ens4.accept_ra_defrtr=1",
            "ip -6 rule del priority 100 from all lookup main suppress_prefixlength 0 proto 200",
            "ip -6 rule del priority 101 from 2001:db8:1::/64 lookup 101 proto 200",
            "ip -6 rule del priority 102 from 2001:db8:2::/64 lookup 102 proto 200",
            "ip -6 route del 2001:db8:1::/64 dev ens3 table 101 proto 200 metric 1024",
            "ip -6 route del default via fe80::1 dev ens3 table 101 proto 200 metric 1024",
            "ip -6 route del 2001:db8:2::/64 dev ens4 table 102 proto 200 metric 1024",
            "ip -6 route del default via fe80::2 dev ens4 table 102 proto 200 metric 1024",
        ], removal);
    }

    [Fact]
    public void After_apply_the_secondarys_router_is_still_known_from_its_table()
    {
        var applied = Applied(DualStack(), PlanOf(DualStack()));

        Assert.Equal(IPAddress.Parse("fe80::2"), PlanOf(applied).IPv6!.Interfaces.Single(nic => nic.Name == "ens4").Gateway);
    }

    [Fact]
    public void Ipv6_off_or_an_ipv4_only_secondary_leaves_ipv6_alone()
    {
        var off = SampleHost.Automatic with { Routing = SampleHost.Automatic.Routing with { IPv6 = false } };

        Assert.Null(PlanOf(DualStack(), off).IPv6);
        Assert.Null(PlanOf(DualStack(secondaryHasIPv6: false)).IPv6);
        Assert.DoesNotContain(Diff.Compute(PlanOf(DualStack(), off), DualStack()), operation => operation.ToIpCommand().Contains("-6", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ipv6_only_nic_takes_the_next_free_slot_in_automatic_mode()
    {
        var snapshot = DualStack();
        snapshot = snapshot with
        {
            Links = [.. snapshot.Links, new Link(4, "ens5", PhysicalAddress.Parse("fa-16-3e-00-00-04"), 1500, true, false)],
            IPv6 = snapshot.IPv6 with
            {
                Addresses = [.. snapshot.IPv6.Addresses, new(4, "ens5", IPAddress.Parse("2001:db8:3::30"), 64, RouteScope.Universe, IsDynamic: true)],
                Routes = [.. snapshot.IPv6.Routes, RaDefault("ens5", "fe80::3")],
            },
        };

        var ens5 = PlanOf(snapshot).IPv6!.Interfaces.Single(nic => nic.Name == "ens5");

        Assert.Equal((3, 103u, 103u, false), (ens5.Slot, ens5.Table, ens5.Priority, ens5.IsPrimary));
    }

    /// <summary>The kernel after the plan's operations: BootRoute's tables and rules in, the secondary's main default out, its sysctl 0.</summary>
    private static HostSnapshot Applied(HostSnapshot before, RoutingPlan plan)
    {
        var ipv4 = before with { Routes = [.. before.Routes.Where(route => !(route.IsDefault && route.Device == "ens4")), .. plan.OwnedRoutes], Rules = [.. before.Rules, .. plan.Rules] };
        return ipv4 with
        {
            IPv6 = new FamilyState(before.IPv6.Addresses,
                [.. before.IPv6.Routes.Where(route => route != RaDefault4), .. plan.IPv6!.OwnedRoutes],
                [.. before.IPv6.Rules, .. plan.IPv6.Rules]),
            Sysctls = new Dictionary<string, string> { ["net/ipv6/conf/ens3/accept_ra_defrtr"] = "1", ["net/ipv6/conf/ens4/accept_ra_defrtr"] = "0" },
        };
    }
}
