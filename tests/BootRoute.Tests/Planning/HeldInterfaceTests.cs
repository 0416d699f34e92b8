using System.Net;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Planning;

/// <summary>
/// One NIC's bad data never costs the other NICs their routing: a NIC that cannot be managed is held
/// (left as the kernel has it, its table and priority kept for it) and the others are planned, unless
/// the held NIC is the one whose path must never be cut.
/// </summary>
public sealed class HeldInterfaceTests
{
    private static readonly InterfaceSelection Ens3 = new("ens3", null, null, null);
    private static readonly InterfaceSelection Ens4 = new("ens4", null, null, null);
    private static readonly InterfaceSelection Ens5 = new("ens5", null, null, null);

    private static SampleHost ThreeNics() => SampleHost.TwoNics().Nic("ens5", "100.64.5.10", 24, "100.64.5.1");

    [Fact]
    public void A_configured_nic_without_a_lease_is_held_and_the_others_are_planned()
    {
        var host = ThreeNics().WithoutLease("ens4");

        var outcome = Planner.Plan(SampleHost.Configured(Ens3, Ens4, Ens5), host.Snapshot, host.Leases);

        var plan = Assert.IsType<PlanningOutcome.Planned>(outcome).Plan;
        Assert.Equal(["ens3", "ens5"], plan.Interfaces.Select(nic => nic.Name));
        var held = Assert.Single(plan.Held);
        Assert.Equal(("ens4", 102u, 102u, false), (held.Name, held.Table, held.Priority, held.RefusedByKernel));
        Assert.StartsWith("ens4: no DHCP lease found", held.Reason, StringComparison.Ordinal);
        Assert.Equal(103u, plan.Interfaces.Single(nic => nic.Name == "ens5").Table);
        Assert.Equal(outcome.Held, plan.Held);
    }

    [Fact]
    public void A_configured_nic_that_is_not_there_is_held_under_its_label()
    {
        var outcome = Planner.Plan(SampleHost.Configured(Ens3, Ens4, Ens5), SampleHost.TwoNics().Snapshot, SampleHost.TwoNics().Leases);

        var plan = Assert.IsType<PlanningOutcome.Planned>(outcome).Plan;
        Assert.Equal(["ens3", "ens4"], plan.Interfaces.Select(nic => nic.Name));
        Assert.Equal("ens5: no such interface", Assert.Single(plan.Held).Reason);
    }

    [Fact]
    public void A_configured_nic_with_a_refused_gateway_is_held_naming_it()
    {
        var host = SampleHost.TwoNics().Nic("ens6", "100.64.6.10", 24, "127.0.0.1");
        var settings = SampleHost.Configured(Ens3, Ens4, new InterfaceSelection("ens6", null, null, null));

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(settings, host.Snapshot, host.Leases)).Plan;

        Assert.StartsWith("ens6: gateway 127.0.0.1", Assert.Single(plan.Held).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void In_automatic_mode_a_refused_nic_keeps_its_slot_so_no_other_nic_is_renumbered()
    {
        var host = Nics(ens3Gateway: "100.64.1.1", ens4Gateway: "127.0.0.1");

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;

        Assert.Equal(103u, plan.Interfaces.Single(nic => nic.Name == "ens5").Table);
        Assert.Equal(103u, plan.Interfaces.Single(nic => nic.Name == "ens5").Priority);
        Assert.Equal(102u, Assert.Single(plan.Held).Table);
    }

    [Fact]
    public void A_held_nics_objects_from_an_earlier_run_are_neither_removed_nor_refilled()
    {
        var earlier = new PolicyRule(102, new IPNetwork(IPAddress.Parse("100.64.2.10"), 32), 102);
        var table = new Route(102, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"), Protocol: RouteProtocols.BootRoute);
        var host = ThreeNics().WithoutLease("ens4").WithRule(earlier).WithRoute(table);

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Configured(Ens3, Ens4, Ens5), host.Snapshot, host.Leases)).Plan;
        var operations = Diff.Compute(plan, host.Snapshot);

        Assert.NotEmpty(operations);
        Assert.DoesNotContain(operations, operation => OperationTouches(operation, 102));
    }

    [Fact]
    public void A_held_configured_primary_plans_nothing()
    {
        var host = ThreeNics().WithoutLease("ens3");
        var settings = SampleHost.Configured(new InterfaceSelection("ens3", true, null, null), Ens4, Ens5);

        var failed = Assert.IsType<PlanningOutcome.Failed>(Planner.Plan(settings, host.Snapshot, host.Leases));

        Assert.Contains(failed.Problems, problem => problem.StartsWith("ens3 is the primary interface", StringComparison.Ordinal));
        Assert.Single(failed.Held);
    }

    [Fact]
    public void A_held_nic_that_holds_the_main_default_plans_nothing_so_its_path_is_not_cut()
    {
        var host = Nics(ens3Gateway: "224.0.0.1", ens4Gateway: "100.64.2.1");

        var failed = Assert.IsType<PlanningOutcome.Failed>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases));

        Assert.Contains("ens3 holds the main default route and cannot be managed: nothing is changed, so its path is not cut", failed.Problems);
    }

    /// <summary>ens3, ens4 and ens5 with the given gateways for the first two, the main default via ens3 as DHCP left it.</summary>
    private static SampleHost Nics(string ens3Gateway, string ens4Gateway) =>
        new SampleHost().Nic("ens3", "100.64.1.10", 24, ens3Gateway).Nic("ens4", "100.64.2.10", 24, ens4Gateway)
            .Nic("ens5", "100.64.5.10", 24, "100.64.5.1")
            .WithRoute(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Boot));

    [Fact]
    public void A_nic_the_kernel_refused_is_held_on_the_next_attempt()
    {
        var host = ThreeNics();
        var refused = new HeldInterface("ens4", "ens4: the kernel refused it", 102, 102) { RefusedByKernel = true };

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases, [refused])).Plan;

        Assert.Equal(["ens3", "ens5"], plan.Interfaces.Select(nic => nic.Name));
        Assert.Equal(refused, Assert.Single(plan.Held));
    }

    [Fact]
    public void Held_tables_count_in_the_clash_check()
    {
        var host = ThreeNics().WithoutLease("ens4");
        var settings = SampleHost.Configured(Ens3, new InterfaceSelection("ens4", null, 103, null), Ens5);

        var failed = Assert.IsType<PlanningOutcome.Failed>(Planner.Plan(settings, host.Snapshot, host.Leases));

        Assert.Contains(failed.Problems, problem => problem.Contains("would share table 103", StringComparison.Ordinal));
    }

    private static bool OperationTouches(Operation operation, uint table) => operation switch
    {
        RouteAdd add => add.Route.Table == table,
        RouteReplace replace => replace.Route.Table == table,
        RouteDelete delete => delete.Route.Table == table,
        RuleAdd add => add.Rule.Table == table || add.Rule.Priority == table,
        RuleDelete delete => delete.Rule.Table == table || delete.Rule.Priority == table,
        _ => false,
    };
}
