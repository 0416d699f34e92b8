using System.Net;
using BootRoute.Model;
using BootRoute.Planning;
using Xunit;

namespace BootRoute.Tests.Planning;

/// <summary>
/// A NIC keeps its table and priority while it stays: a NIC hot-added between two others takes a free
/// slot instead of repointing the next NIC's table under its rule (for a moment that NIC's replies would
/// leave by the new port).
/// </summary>
public sealed class StableSlotTests
{
    [Fact]
    public void A_nic_hot_added_between_two_others_takes_a_free_slot_and_moves_no_table()
    {
        // The first run managed ens3 and ens5 (tables 101 and 102); now ens4 arrives.
        var before = new SampleHost().Nic("ens3", "100.64.1.10", 24, "100.64.1.1").Nic("ens5", "100.64.5.10", 24, "100.64.5.1")
            .WithRoute(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Boot));
        var first = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, before.Snapshot, before.Leases)).Plan;
        Assert.Equal(102u, first.Interfaces.Single(nic => nic.Name == "ens5").Table);
        var host = Converged(before, first).Nic("ens4", "100.64.2.10", 24, "100.64.2.1");

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;
        var operations = Diff.Compute(plan, host.Snapshot);

        Assert.Equal([("ens3", 101u), ("ens4", 103u), ("ens5", 102u)], plan.Interfaces.Select(nic => (nic.Name, nic.Table)));
        Assert.Equal([("ens3", 101u), ("ens4", 103u), ("ens5", 102u)], plan.Interfaces.Select(nic => (nic.Name, nic.Priority)));
        Assert.All(operations, operation => Assert.DoesNotContain("table 102", operation.ToIpCommand(), StringComparison.Ordinal));
        Assert.All(operations, operation => Assert.DoesNotContain("lookup 102", operation.ToIpCommand(), StringComparison.Ordinal));
        Assert.All(operations, operation => Assert.IsNotType<RouteDelete>(operation));
    }

    [Fact]
    public void With_nothing_of_bootroutes_in_the_kernel_slots_follow_name_order()
    {
        var host = SampleHost.TwoNics().Nic("ens5", "100.64.5.10", 24, "100.64.5.1");

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;

        Assert.Equal([("ens3", 101u), ("ens4", 102u), ("ens5", 103u)], plan.Interfaces.Select(nic => (nic.Name, nic.Table)));
    }

    [Fact]
    public void After_a_reboot_each_nic_takes_the_slot_the_last_apply_recorded_not_name_order()
    {
        // Before the reboot ens4 was hot-added after ens3 and ens5 and took slot 3; the kernel now has
        // none of BootRoute's tables, and the image's files carry tables 101, 102 (ens5) and 103 (ens4).
        var host = SampleHost.TwoNics().Nic("ens5", "100.64.5.10", 24, "100.64.5.1");
        InterfaceSlot[] recorded = [new("ens3", 1), new("ens4", 3), new("ens5", 2)];

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases, recordedSlots: recorded)).Plan;

        Assert.Equal([("ens3", 101u), ("ens4", 103u), ("ens5", 102u)], plan.Interfaces.Select(nic => (nic.Name, nic.Table)));
        Assert.Equal(recorded, plan.Slots);
    }

    [Fact]
    public void After_a_reboot_with_state_on_run_each_nic_finds_the_table_its_persisted_files_filled()
    {
        // networkd (from BootRoute's persisted files) filled table 103 for ens4 and 102 for ens5 before
        // BootRoute ran; its routes are proto static, not BootRoute's, and state.json was on /run. A
        // connected route of ens5's that someone put in table 101 is no mark of a table of ens5's.
        var host = SampleHost.TwoNics().Nic("ens5", "100.64.5.10", 24, "100.64.5.1")
            .WithRoute(new Route(103, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"), Protocol: RouteProtocols.Static))
            .WithRoute(new Route(102, IPNetworkExtensions.DefaultIPv4, "ens5", IPAddress.Parse("100.64.5.1"), Protocol: RouteProtocols.Static))
            .WithRoute(new Route(101, IPNetwork.Parse("100.64.5.0/24"), "ens5", Scope: RouteScope.Link, Protocol: RouteProtocols.Static));

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;

        Assert.Equal([("ens3", 101u), ("ens4", 103u), ("ens5", 102u)], plan.Interfaces.Select(nic => (nic.Name, nic.Table)));
    }

    [Fact]
    public void Someone_elses_table_far_above_the_nics_there_are_is_no_slot()
    {
        // A VPN's table 200 with a default through ens3: slot 100 is not a per-NIC table of two NICs.
        var host = SampleHost.TwoNics()
            .WithRoute(new Route(200, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Static));

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;

        Assert.Equal([("ens3", 101u, 101u), ("ens4", 102u, 102u)], plan.Interfaces.Select(nic => (nic.Name, nic.Table, nic.Priority)));
    }

    [Fact]
    public void The_main_default_of_bootroutes_is_no_slot_whatever_table_base_puts_main_in_range()
    {
        // table_base 100: main (254) would be slot 154 of ens4, whose only route of BootRoute's is the main default.
        var host = SampleHost.TwoNics()
            .WithRoute(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"), Protocol: RouteProtocols.BootRoute));

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;

        Assert.Equal([("ens3", 101u), ("ens4", 102u)], plan.Interfaces.Select(nic => (nic.Name, nic.Table)));
    }

    [Fact]
    public void A_table_in_the_kernel_outranks_the_record_and_a_taken_recorded_slot_gives_way_to_the_lowest_free()
    {
        // ens5's table in the kernel is 101 (slot 1), which the record gave to ens4: ens4 takes the lowest free.
        var host = SampleHost.TwoNics().Nic("ens5", "100.64.5.10", 24, "100.64.5.1")
            .WithRoute(new Route(101, IPNetworkExtensions.DefaultIPv4, "ens5", IPAddress.Parse("100.64.5.1"), Protocol: RouteProtocols.BootRoute));
        InterfaceSlot[] recorded = [new("ens4", 1), new("ens5", 4), new("gone0", 2)];

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases, recordedSlots: recorded)).Plan;

        Assert.Equal([("ens3", 101u + 1), ("ens4", 101u + 2), ("ens5", 101u)], plan.Interfaces.Select(nic => (nic.Name, nic.Table)).OrderBy(nic => nic.Name));
    }

    [Fact]
    public void Configured_mode_numbers_by_the_interfaces_list_whatever_was_recorded()
    {
        var host = SampleHost.TwoNics();
        var settings = SampleHost.Configured(
            new BootRoute.Settings.InterfaceSelection("ens4", null, null, null), new BootRoute.Settings.InterfaceSelection("ens3", true, null, null));

        var plan = Assert.IsType<PlanningOutcome.Planned>(
            Planner.Plan(settings, host.Snapshot, host.Leases, recordedSlots: [new("ens3", 1), new("ens4", 2)])).Plan;

        Assert.Equal([("ens4", 101u), ("ens3", 102u)], plan.Interfaces.Select(nic => (nic.Name, nic.Table)));
    }

    /// <summary>The host as the plan left it: the plan's routes and rules in the kernel, tagged as BootRoute's.</summary>
    private static SampleHost Converged(SampleHost host, RoutingPlan plan)
    {
        foreach (var route in plan.OwnedRoutes)
        {
            host.WithRoute(route);
        }
        foreach (var rule in plan.Rules)
        {
            host.WithRule(rule);
        }
        return host;
    }
}
