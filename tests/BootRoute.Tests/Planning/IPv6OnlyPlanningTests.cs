using System.Net;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Planning;

/// <summary>
/// NICs IPv4 does not manage but IPv6 can: an IPv6-only secondary beside a single IPv4 NIC, a
/// configured NIC without an IPv4 lease, and the IPv6 primary chosen per family.
/// </summary>
public sealed class IPv6OnlyPlanningTests
{
    /// <summary>ens3 dual stack (100.64.1.10, 2001:db8:1::10), ens4 with SLAAC only (2001:db8:2::10, router fe80::2).</summary>
    private static SampleHost Ipv6OnlySecondary() => new SampleHost()
        .Nic("ens3", "100.64.1.10", 24, "100.64.1.1")
        .WithRoute(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Boot))
        .Link("ens4")
        .WithSlaac();

    private static RoutingPlan PlanOf(SampleHost host, AgentSettings? settings = null, IReadOnlyList<InterfaceSlot>? recorded = null) =>
        Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(settings ?? SampleHost.Automatic, host.Snapshot, host.Leases, recordedSlots: recorded)).Plan;

    [Fact]
    public void An_ipv6_only_secondary_beside_a_single_ipv4_nic_is_planned_in_ipv6_with_the_ipv4_nic_alone_in_ipv4()
    {
        var plan = PlanOf(Ipv6OnlySecondary());

        Assert.Equal(["ens3"], plan.Interfaces.Select(nic => nic.Name));
        Assert.Equal(
            ["100: from all lookup main suppress_prefixlength 0 proto 200", "101: from 100.64.1.10 lookup 101 proto 200"],
            plan.Rules.Select(rule => rule.ToString().Replace('\t', ' ')));
        var ipv6 = plan.IPv6!;
        Assert.Equal([("ens3", 101u, true), ("ens4", 102u, false)], ipv6.Interfaces.Select(nic => (nic.Name, nic.Table, nic.IsPrimary)));
        Assert.Equal(
        [
            "2001:db8:1::/64 dev ens3 table 101 proto 200 metric 1024", "default via fe80::1 dev ens3 table 101 proto 200 metric 1024",
            "2001:db8:2::/64 dev ens4 table 102 proto 200 metric 1024", "default via fe80::2 dev ens4 table 102 proto 200 metric 1024",
        ], ipv6.OwnedRoutes.Select(route => route.ToString()));
        Assert.Equal([new SysctlValue("net/ipv6/conf/ens4/accept_ra_defrtr", "0")], ipv6.Sysctls);
        Assert.Equal([new InterfaceSlot("ens3", 1), new InterfaceSlot("ens4", 2)], plan.Slots);
    }

    [Fact]
    public void A_single_nic_with_ipv6_on_it_alone_or_ipv6_off_is_still_nothing_to_do()
    {
        var alone = new SampleHost().Nic("ens3", "100.64.1.10", 24, "100.64.1.1").Link("ens4").WithSlaac();
        var withoutRouter = alone.Snapshot with { IPv6 = alone.Snapshot.IPv6 with { Routes = alone.Snapshot.IPv6.Routes.Where(route => route.Device != "ens4").ToList() } };
        var off = SampleHost.Automatic with { Routing = SampleHost.Automatic.Routing with { IPv6 = false } };

        Assert.IsType<PlanningOutcome.NothingToDo>(Planner.Plan(SampleHost.Automatic, withoutRouter, alone.Leases));
        Assert.IsType<PlanningOutcome.NothingToDo>(Planner.Plan(off, alone.Snapshot, alone.Leases));
        Assert.IsType<PlanningOutcome.NothingToDo>(Planner.Plan(SampleHost.Automatic, new SampleHost().Nic("ens3", "100.64.1.10", 24, "100.64.1.1").Snapshot,
            new SampleHost().Nic("ens3", "100.64.1.10", 24, "100.64.1.1").Leases));
    }

    [Fact]
    public void An_ipv6_only_nic_keeps_the_slot_its_ipv6_table_has_in_the_kernel_or_the_one_recorded()
    {
        var host = Ipv6OnlySecondary();
        var snapshot = host.Snapshot;
        var kept = snapshot with
        {
            IPv6 = snapshot.IPv6 with
            {
                Routes = [.. snapshot.IPv6.Routes, new Route(105, IPNetworkExtensions.DefaultIPv6, "ens4", IPAddress.Parse("fe80::2"), Protocol: RouteProtocols.BootRoute, Metric: 1024)],
            },
        };

        var fromKernel = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, kept, host.Leases)).Plan;
        var fromRecord = PlanOf(host, recorded: [new InterfaceSlot("ens4", 7)]);

        Assert.Equal((5, 105u, 105u), fromKernel.IPv6!.Interfaces.Where(nic => nic.Name == "ens4").Select(nic => (nic.Slot, nic.Table, nic.Priority)).Single());
        Assert.Contains(new InterfaceSlot("ens4", 5), fromKernel.Slots);
        Assert.Equal(7, fromRecord.IPv6!.Interfaces.Single(nic => nic.Name == "ens4").Slot);
    }

    [Fact]
    public void A_configured_nic_without_an_ipv4_lease_is_held_in_ipv4_and_managed_in_ipv6_in_its_place()
    {
        var host = SampleHost.TwoNics().WithoutLease("ens4").WithSlaac();
        var settings = SampleHost.Configured(new InterfaceSelection("ens3", true, null, null), new InterfaceSelection("ens4", null, 204, null));

        var plan = PlanOf(host, settings);

        Assert.Equal(["ens4"], plan.Held.Select(nic => nic.Name));
        var ens4 = plan.IPv6!.Interfaces.Single(nic => nic.Name == "ens4");
        Assert.Equal((2, 204u, 102u, false), (ens4.Slot, ens4.Table, ens4.Priority, ens4.IsPrimary));
        Assert.Empty(plan.IPv6.Held);
        Assert.Contains(Diff.Compute(plan, host.Snapshot), operation => operation.ToIpCommand() == "ip -6 rule add priority 102 from 2001:db8:2::/64 lookup 204 proto 200");
        Assert.DoesNotContain(Diff.Compute(plan, host.Snapshot), operation => operation.ToIpCommand().Contains("100.64.2.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_nic_the_kernel_refused_stays_held_in_ipv6_too()
    {
        var host = SampleHost.TwoNics().Nic("ens5", "100.64.5.10", 24, "100.64.5.1").WithSlaac();
        var refused = new HeldInterface("ens5", "ens5: the kernel refused", 103, 103) { RefusedByKernel = true, Slot = 3 };

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases, [refused])).Plan;

        Assert.Equal(["ens3", "ens4"], plan.IPv6!.Interfaces.Select(nic => nic.Name));
        Assert.Equal(["ens5"], plan.IPv6.Held.Select(nic => nic.Name));
    }

    [Fact]
    public void A_refused_operation_of_an_ipv6_only_nic_is_that_nics_and_the_next_plan_holds_it()
    {
        var host = Ipv6OnlySecondary();
        var plan = PlanOf(host);
        var operation = Diff.Compute(plan, host.Snapshot).First(operation => operation.ToIpCommand() == "ip -6 rule add priority 102 from 2001:db8:2::/64 lookup 102 proto 200");

        var owner = OperationOwner.Of(plan, operation)!;
        var refused = new HeldInterface(owner.Name, "ens4: the kernel refused", owner.Table, owner.Priority) { RefusedByKernel = true, Slot = owner.Slot };
        var again = Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases, [refused]);

        Assert.Equal(("ens4", 2), (owner.Name, owner.Slot));
        Assert.IsType<PlanningOutcome.NothingToDo>(again);
        Assert.Equal(["ens4"], again.Held.Select(nic => nic.Name));
    }

    [Fact]
    public void The_ipv6_primary_may_differ_from_the_ipv4_one_only_when_configured()
    {
        var host = SampleHost.TwoNics().WithSlaac();
        var settings = SampleHost.Configured(new InterfaceSelection("ens3", true, null, null), new InterfaceSelection("ens4", null, null, null) { PrimaryIPv6 = true });

        var plan = PlanOf(host, settings);
        var unset = PlanOf(host, SampleHost.Configured(new InterfaceSelection("ens3", true, null, null), new InterfaceSelection("ens4", null, null, null)));

        Assert.Equal(("ens3", "ens4"), (plan.Primary.Name, plan.IPv6!.Primary.Name));
        Assert.Equal("default via fe80::2 dev ens4 proto 200 metric 1024", plan.IPv6.PrimaryDefault.ToString());
        Assert.Equal([new SysctlValue("net/ipv6/conf/ens3/accept_ra_defrtr", "0")], plan.IPv6.Sysctls);
        Assert.Equal(("ens3", "ens3"), (unset.Primary.Name, unset.IPv6!.Primary.Name));
    }

    [Fact]
    public void A_configured_ipv6_primary_without_ipv6_leaves_ipv6_alone_with_a_note()
    {
        var host = SampleHost.TwoNics().Nic("ens5", "100.64.5.10", 24, "100.64.5.1").WithSlaac();
        var snapshot = host.Snapshot;
        snapshot = snapshot with { IPv6 = snapshot.IPv6 with { Addresses = snapshot.IPv6.Addresses.Where(address => address.InterfaceName != "ens5").ToList() } };
        var settings = SampleHost.Configured(new InterfaceSelection("ens3", true, null, null), new InterfaceSelection("ens4", null, null, null),
            new InterfaceSelection("ens5", null, null, null) { PrimaryIPv6 = true });

        var outcome = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(settings, snapshot, host.Leases));

        Assert.Null(outcome.Plan.IPv6);
        Assert.Equal(3, outcome.Plan.Interfaces.Count);
        Assert.Contains("ens5 is the IPv6 primary (interfaces[].primary_ipv6) but has no global IPv6 address and router to manage: IPv6 is left as it is, so its path is not cut", outcome.Notes);
    }
}
