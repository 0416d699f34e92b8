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
