using System.Net;
using BootRoute.Discovery;
using BootRoute.Discovery.Static;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Planning;

/// <summary>NICs addressed without DHCP (issue #14, part 2): managed like leased ones, and "nothing to do" said truly.</summary>
public sealed class StaticNicTests
{
    private static readonly IPNetwork Default = new(IPAddress.Any, 0);

    /// <summary>ens3 configured statically (permanent address, proto static default in main), ens4 by dhclient (no main default: the add lost to ens3's).</summary>
    private static SampleHost StaticPrimaryDhcpSecondary() =>
        new SampleHost()
            .Nic("ens3", "100.64.1.10", 24, "100.64.1.1")
            .Nic("ens4", "100.64.2.10", 24, "100.64.2.1")
            .Static("ens3")
            .WithRoute(new Route(RoutingTables.Main, Default, "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Static));

    /// <summary>The leases discovery reads with the default sources, the DHCP ones as the host's lease files give them.</summary>
    private static IReadOnlyList<Lease> Discover(SampleHost host) =>
        [.. host.Leases, .. new StaticAddressLeaseSource().Read(host.Snapshot).Leases];

    [Fact]
    public void A_static_primary_with_a_dhcp_secondary_is_planned_in_automatic_mode_and_stays_primary()
    {
        var host = StaticPrimaryDhcpSecondary();

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, Discover(host))).Plan;

        Assert.Equal(["ens3", "ens4"], plan.Interfaces.Select(nic => nic.Name));
        Assert.Equal("ens3", plan.Primary.Name);
        Assert.Equal("100.64.1.1", plan.Primary.Gateway.ToString());
        Assert.StartsWith("static:", plan.Primary.Lease.Source, StringComparison.Ordinal);
        Assert.Contains("101:\tfrom 100.64.1.10 lookup 101 proto 200", plan.Rules.Select(rule => rule.ToString()));
        Assert.Contains("102:\tfrom 100.64.2.10 lookup 102 proto 200", plan.Rules.Select(rule => rule.ToString()));
        // The static default stays where the image put it: nothing touches main's default.
        Assert.DoesNotContain(Diff.Compute(plan, host.Snapshot), operation => operation switch
        {
            RouteAdd add => add.Route.Table == RoutingTables.Main,
            RouteReplace replace => replace.Route.Table == RoutingTables.Main,
            RouteDelete delete => delete.Route.Table == RoutingTables.Main,
            _ => false,
        });
    }

    [Fact]
    public void Without_the_static_source_the_dhcp_nic_alone_is_not_called_a_single_nic()
    {
        var host = StaticPrimaryDhcpSecondary();

        var nothing = Assert.IsType<PlanningOutcome.NothingToDo>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases));

        Assert.DoesNotContain("single NIC", nothing.Reason, StringComparison.Ordinal);
        Assert.StartsWith("only ens4 has a DHCP lease: ens3 has neither a lease nor a static address with a gateway (looked in: ",
            nothing.Reason, StringComparison.Ordinal);
        Assert.EndsWith("list them in interfaces[] with address and gateway to manage them", nothing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void One_static_nic_alone_is_a_single_nic_with_a_static_address()
    {
        var host = new SampleHost().Nic("ens3", "100.64.1.10", 24, "100.64.1.1").Static("ens3")
            .WithRoute(new Route(RoutingTables.Main, Default, "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Static));

        var nothing = Assert.IsType<PlanningOutcome.NothingToDo>(Planner.Plan(SampleHost.Automatic, host.Snapshot, Discover(host)));

        Assert.Equal("only ens3 has a static address and gateway: a single NIC needs no policy routing", nothing.Reason);
    }

    [Fact]
    public void One_dhcp_nic_alone_keeps_its_wording()
    {
        var host = new SampleHost().Nic("ens3", "100.64.1.10", 24, "100.64.1.1");

        var nothing = Assert.IsType<PlanningOutcome.NothingToDo>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases));

        Assert.Equal("only ens3 has a DHCP lease: a single NIC needs no policy routing", nothing.Reason);
    }

    [Fact]
    public void A_nic_left_alone_by_a_held_one_is_not_called_a_single_nic()
    {
        var settings = SampleHost.Configured(new InterfaceSelection("ens3", null, null, null), new InterfaceSelection("ens4", null, null, null));
        var host = SampleHost.TwoNics().WithoutLease("ens4");

        var nothing = Assert.IsType<PlanningOutcome.NothingToDo>(Planner.Plan(settings, host.Snapshot, host.Leases));

        Assert.Equal("only ens3 can be managed (ens4 held): one managed NIC needs no policy routing", nothing.Reason);
    }

    [Fact]
    public void Configured_address_and_gateway_stand_in_for_a_lease_no_source_has()
    {
        var settings = SampleHost.Configured(
            new InterfaceSelection("ens3", null, null, null),
            new InterfaceSelection("ens4", null, null, null) { Address = IPAddress.Parse("100.64.2.10"), Gateway = IPAddress.Parse("100.64.2.1") });
        var host = SampleHost.TwoNics().WithoutLease("ens4").Static("ens4");

        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(settings, host.Snapshot, host.Leases)).Plan;

        var ens4 = plan.Interfaces.Single(nic => nic.Name == "ens4");
        Assert.Equal("interfaces[].address", ens4.Lease.Source);
        Assert.Equal(24, ens4.PrefixLength);
        Assert.Equal(["default via 100.64.2.1 dev ens4 table 102 proto 200"],
            plan.Tables[1].Routes.Where(route => route.IsDefault).Select(route => route.ToString()));
        Assert.Equal("ens3", plan.Primary.Name);
    }

    [Fact]
    public void A_configured_address_that_is_not_on_the_nic_holds_it_with_its_origin_named()
    {
        var settings = SampleHost.Configured(
            new InterfaceSelection("ens3", null, null, null),
            new InterfaceSelection("ens4", null, null, null) { Address = IPAddress.Parse("100.64.2.99"), Gateway = IPAddress.Parse("100.64.2.1") });
        var host = SampleHost.TwoNics();

        var nothing = Assert.IsType<PlanningOutcome.NothingToDo>(Planner.Plan(settings, host.Snapshot, host.Leases));

        Assert.Equal("ens4: the leased address 100.64.2.99 (from interfaces[].address) is not on the interface", Assert.Single(nothing.Held).Reason);
    }

    [Fact]
    public void A_configured_nic_without_lease_says_how_to_manage_a_static_one()
    {
        var settings = SampleHost.Configured(new InterfaceSelection("ens3", null, null, null), new InterfaceSelection("ens4", null, null, null));
        var host = SampleHost.TwoNics().WithoutLease("ens4");

        var nothing = Assert.IsType<PlanningOutcome.NothingToDo>(Planner.Plan(settings, host.Snapshot, host.Leases));

        Assert.EndsWith("; for a NIC with a static address, set interfaces[].address and interfaces[].gateway", Assert.Single(nothing.Held).Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_does_not_wait_for_a_lease_that_interfaces_address_already_gives()
    {
        var withAddress = SampleHost.Configured(new InterfaceSelection("ens4", null, null, null)
            { Address = IPAddress.Parse("100.64.2.10"), Gateway = IPAddress.Parse("100.64.2.1") });
        var without = SampleHost.Configured(new InterfaceSelection("ens4", null, null, null));
        var host = SampleHost.TwoNics().WithoutLease("ens4").Static("ens4");
        var discovered = new Discovered(host.Snapshot, host.Leases, []);

        Assert.Empty(ReadinessChecks.ConfiguredInterfaces(withAddress)(discovered));
        Assert.StartsWith("ens4: no DHCP lease found", Assert.Single(ReadinessChecks.ConfiguredInterfaces(without)(discovered)), StringComparison.Ordinal);
    }
}
