using System.Net;
using System.Net.Sockets;
using BootRoute.Discovery;
using BootRoute.Model;
using BootRoute.Netlink;
using BootRoute.Planning;
using BootRoute.Reporting;
using BootRoute.Settings;
using BootRoute.Stages;
using BootRoute.Tests.Planning;
using BootRoute.Verification;
using Moq;
using Xunit;

namespace BootRoute.Tests;

public class PipelineTests
{
    private sealed class Fixture
    {
        public Mock<INetlink> Netlink { get; } = new();
        public Mock<IRouteCache> RouteCache { get; } = new();
        public Mock<ILeaseSource> Leases { get; } = new();
        public Mock<IProber> Prober { get; } = new();

        public Fixture(SampleHost host)
        {
            var snapshot = host.Snapshot;
            Netlink.Setup(kernel => kernel.ListLinks()).Returns(snapshot.Links);
            Netlink.Setup(kernel => kernel.ListAddresses(It.IsAny<AddressFamily>())).Returns((AddressFamily family) => snapshot.InFamily(family).Addresses);
            Netlink.Setup(kernel => kernel.ListRoutes(It.IsAny<AddressFamily>())).Returns((AddressFamily family) => snapshot.InFamily(family).Routes);
            Netlink.Setup(kernel => kernel.ListRules(It.IsAny<AddressFamily>())).Returns((AddressFamily family) => snapshot.InFamily(family).Rules);
            Netlink.Setup(kernel => kernel.GetRoute(It.IsAny<IPAddress>(), It.IsAny<IPAddress?>()))
                .Returns((IPAddress destination, IPAddress? source) =>
                {
                    var lease = host.Leases.Single(lease => lease.Address.Equals(source));
                    return new RouteLookup(destination, source, lease.Interface, lease.Gateway, 0, RouteType.Unicast);
                });
            Leases.Setup(source => source.Name).Returns("dhclient");
            Leases.Setup(source => source.Read(It.IsAny<HostSnapshot>())).Returns(new LeaseReadResult(host.Leases, []));
            Prober.Setup(probe => probe.ProbeAsync(It.IsAny<Probe>(), It.IsAny<CancellationToken>()))
                .ReturnsAsync(new ProbeResult(true, TimeSpan.FromMilliseconds(1), "echo reply"));
            // As the real store answers when there is no state.json.
            State.Setup(store => store.Load()).Returns(AppliedState.Empty);
        }

        public Mock<BootRoute.State.IStateStore> State { get; } = new();

        /// <summary>A real store instead of <see cref="State"/>, for what the file itself does.</summary>
        public BootRoute.State.FileStateStore? StateStore { get; set; }

        /// <summary>What the service manager is told (bootroute.service's READY=1).</summary>
        public Action? Ready { get; set; }

        public Task<Reporting.Report> Run(AgentCommand command, AgentSettings? settings = null) =>
            new Pipeline(settings ?? AgentSettings.Defaults,
                    new AgentServices(Netlink.Object, RouteCache.Object, [Leases.Object], Prober.Object, State: StateStore ?? State.Object, Ready: Ready))
                .RunAsync(command, CancellationToken.None);

        public void VerifyNoChange()
        {
            Netlink.Verify(kernel => kernel.AddRoute(It.IsAny<Route>()), Times.Never);
            Netlink.Verify(kernel => kernel.ReplaceRoute(It.IsAny<Route>()), Times.Never);
            Netlink.Verify(kernel => kernel.DeleteRoute(It.IsAny<Route>()), Times.Never);
            Netlink.Verify(kernel => kernel.AddRule(It.IsAny<PolicyRule>()), Times.Never);
            Netlink.Verify(kernel => kernel.DeleteRule(It.IsAny<PolicyRule>()), Times.Never);
            RouteCache.Verify(cache => cache.Flush(), Times.Never);
        }
    }

    [Fact]
    public async Task Apply_performs_the_diff_verifies_and_exits_0()
    {
        var fixture = new Fixture(SampleHost.TwoNics());

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        Assert.Equal(7, report.Applied);
        Assert.Equal("ens3", report.Primary);
        Assert.All(report.Interfaces, nic => Assert.True(nic.Verified));
        fixture.Netlink.Verify(kernel => kernel.AddRule(It.IsAny<PolicyRule>()), Times.Exactly(3));
        fixture.RouteCache.Verify(cache => cache.Flush(), Times.Once);
    }

    [Fact]
    public async Task Apply_says_ready_once_the_kernel_holds_the_plan_and_before_the_first_check()
    {
        var fixture = new Fixture(SampleHost.TwoNics());
        var events = new List<string>();
        fixture.Netlink.Setup(kernel => kernel.AddRule(It.IsAny<PolicyRule>())).Callback(() => events.Add("rule"));
        fixture.RouteCache.Setup(cache => cache.Flush()).Callback(() => events.Add("flush"));
        fixture.Prober.Setup(probe => probe.ProbeAsync(It.IsAny<Probe>(), It.IsAny<CancellationToken>()))
            .Callback(() => events.Add("check"))
            .ReturnsAsync(new ProbeResult(true, TimeSpan.FromMilliseconds(1), "echo reply"));
        fixture.Ready = () => events.Add("ready");

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        Assert.Single(events, step => step == "ready");
        int ready = events.IndexOf("ready");
        Assert.Equal(events.LastIndexOf("flush") + 1, ready);
        Assert.True(events.LastIndexOf("rule") < ready, string.Join(", ", events));
        // (a check before the rules is the primary's path as it was, which rollback compares with)
        Assert.True(events.IndexOf("check", ready) > ready, string.Join(", ", events));
    }

    [Fact]
    public async Task Apply_never_says_ready_when_the_kernel_refused_or_nothing_was_planned()
    {
        int ready = 0;
        var refused = new Fixture(SampleHost.TwoNics()) { Ready = () => ready++ };
        refused.Netlink.Setup(kernel => kernel.AddRule(It.Is<PolicyRule>(rule => rule.Priority == 101)))
            .Throws(new NetlinkException("RTNETLINK answers: File exists"));
        Assert.Equal(ExitCodes.ApplyFailed, (await refused.Run(AgentCommand.Apply)).ExitCode);
        var unplanned = new Fixture(SampleHost.TwoNics().WithoutLease("ens3").WithoutLease("ens4")) { Ready = () => ready++ };
        Assert.Equal(ExitCodes.NothingToManage, (await unplanned.Run(AgentCommand.Apply)).ExitCode);

        Assert.Equal(0, ready);
    }

    [Fact]
    public async Task Plan_lists_operations_and_changes_nothing()
    {
        var fixture = new Fixture(SampleHost.TwoNics());

        var report = await fixture.Run(AgentCommand.Plan);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        Assert.Equal(7, report.Operations.Count);
        Assert.All(report.Operations, operation => Assert.StartsWith("ip ", operation));
        Assert.Equal(0, report.Applied);
        fixture.VerifyNoChange();
    }

    [Fact]
    public async Task Plan_on_a_dual_stack_host_shows_both_families_per_nic_and_prints_ip_6_commands()
    {
        var fixture = new Fixture(SampleHost.TwoNics().WithSlaac());

        var report = await fixture.Run(AgentCommand.Plan);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        Assert.Equal(("fe80::2", false), (report.Interfaces[1].IPv6!.Router, report.Interfaces[1].IPv6!.Primary));
        Assert.Equal(["2001:db8:2::10"], report.Interfaces[1].IPv6!.Addresses);
        Assert.Equal(["2001:db8:2::/64"], report.Interfaces[1].IPv6!.Prefixes);
        Assert.True(report.Interfaces[0].IPv6!.Primary);
        Assert.Contains("ip -6 rule add priority 102 from 2001:db8:2::/64 lookup 102 proto 200", report.Operations);
        Assert.Contains("ip -6 route del default via fe80::2 dev ens4 proto ra metric 1024", report.Operations);
        Assert.Contains("#     ipv6 2001:db8:2::10 (rules from 2001:db8:2::/64) via fe80::2, accept_ra_defrtr=0", Reporting.HumanReport.Format(report), StringComparison.Ordinal);
        Assert.Contains("\"ipv6\": {", System.Text.Json.JsonSerializer.Serialize(report, Reporting.ReportJsonContext.Default.Report), StringComparison.Ordinal);
        fixture.VerifyNoChange();
    }

    [Fact]
    public async Task Plan_shows_a_nic_managed_in_ipv6_only_apart_from_the_ipv4_nics()
    {
        var host = new SampleHost()
            .Nic("ens3", "100.64.1.10", 24, "100.64.1.1")
            .WithRoute(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Boot))
            .Link("ens4")
            .WithSlaac();
        var fixture = new Fixture(host);

        var report = await fixture.Run(AgentCommand.Plan);

        Assert.Equal(["ens3"], report.Interfaces.Select(nic => nic.Name));
        var ens4 = Assert.Single(report.IPv6OnlyInterfaces);
        Assert.Equal(("ens4", 102u, 102u, "fe80::2", false), (ens4.Name, ens4.Table, ens4.Priority, ens4.IPv6.Router, ens4.IPv6.Primary));
        string text = Reporting.HumanReport.Format(report);
        Assert.Contains("#   ens4 IPv6 only, table 102, priority 102\n#     ipv6 2001:db8:2::10 (rules from 2001:db8:2::/64) via fe80::2, accept_ra_defrtr=0\n",
            text.Replace("\r", ""), StringComparison.Ordinal);
        Assert.Contains("\"ipv6OnlyInterfaces\": [", System.Text.Json.JsonSerializer.Serialize(report, Reporting.ReportJsonContext.Default.Report), StringComparison.Ordinal);
        fixture.VerifyNoChange();
    }

    [Fact]
    public async Task Status_reports_drift_and_changes_nothing()
    {
        var fixture = new Fixture(SampleHost.TwoNics());

        var report = await fixture.Run(AgentCommand.Status);

        Assert.True(report.Owned!.Drift);
        Assert.Empty(report.Owned.Rules);
        fixture.VerifyNoChange();
    }

    [Fact]
    public async Task A_refused_operation_rolls_back_and_exits_4()
    {
        // The primary's rule: no other NIC can be managed without cutting the primary, so all goes.
        var fixture = new Fixture(SampleHost.TwoNics());
        fixture.Netlink.Setup(kernel => kernel.AddRule(It.Is<PolicyRule>(rule => rule.Priority == 101)))
            .Throws(new NetlinkException("RTNETLINK answers: File exists"));

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.ApplyFailed, report.ExitCode);
        Assert.Contains("File exists", report.Summary);
        Assert.Contains("rolled back", report.Summary);
        Assert.Empty(report.Held);
        fixture.Netlink.Verify(kernel => kernel.DeleteRule(It.IsAny<PolicyRule>()), Times.Exactly(1));
        fixture.Netlink.Verify(kernel => kernel.DeleteRoute(It.IsAny<Route>()), Times.Exactly(4));
    }

    [Fact]
    public async Task A_refusal_for_one_secondary_holds_that_nic_and_the_others_converge_with_exit_4()
    {
        var fixture = new Fixture(SampleHost.TwoNics().Nic("ens5", "100.64.5.10", 24, "100.64.5.1"));
        fixture.Netlink.Setup(kernel => kernel.AddRule(It.Is<PolicyRule>(rule => rule.Priority == 102)))
            .Throws(new NetlinkException("RTNETLINK answers: Network is unreachable"));

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.ApplyFailed, report.ExitCode);
        var held = Assert.Single(report.Held);
        Assert.Equal(("ens4", 102u, true), (held.Name, held.Table, held.RefusedByKernel));
        Assert.Contains("Network is unreachable", held.Reason, StringComparison.Ordinal);
        Assert.Contains(held.Reason, report.Problems!);
        Assert.EndsWith("not managed: ens4", report.Summary, StringComparison.Ordinal);
        Assert.Equal(["ens3", "ens5"], report.Interfaces.Select(nic => nic.Name));
        Assert.All(report.Interfaces, nic => Assert.True(nic.Verified));
        Assert.True(report.Applied > 0);
        fixture.Netlink.Verify(kernel => kernel.AddRule(It.Is<PolicyRule>(rule => rule.Priority == 103)), Times.Once);
        // What the first attempt added for ens4's table was taken back, and the second attempt left it alone.
        fixture.Netlink.Verify(kernel => kernel.AddRoute(It.Is<Route>(route => route.Table == 102)), Times.Exactly(2));
        fixture.Netlink.Verify(kernel => kernel.DeleteRoute(It.Is<Route>(route => route.Table == 102)), Times.Exactly(2));
    }

    [Fact]
    public async Task With_two_nics_a_held_secondary_leaves_the_primary_alone_exit_3_and_nothing_changed()
    {
        var fixture = new Fixture(SampleHost.TwoNics().WithoutLease("ens4"));
        var settings = SampleHost.Configured(new InterfaceSelection("ens3", null, null, null), new InterfaceSelection("ens4", null, null, null));

        var report = await fixture.Run(AgentCommand.Apply, settings);

        Assert.Equal(ExitCodes.NothingToManage, report.ExitCode);
        Assert.StartsWith("nothing changed: ens4: no DHCP lease found", report.Summary, StringComparison.Ordinal);
        Assert.Equal("ens4", Assert.Single(report.Held).Name);
        fixture.VerifyNoChange();
    }

    [Fact]
    public async Task A_configured_nic_without_a_lease_exits_3_and_the_others_converge()
    {
        var fixture = new Fixture(SampleHost.TwoNics().Nic("ens5", "100.64.5.10", 24, "100.64.5.1").WithoutLease("ens5"));
        var settings = SampleHost.Configured(
            new InterfaceSelection("ens3", null, null, null), new InterfaceSelection("ens4", null, null, null), new InterfaceSelection("ens5", null, null, null))
            // ens5 never gets its lease: waiting out the real discovery deadline would only make the test take a minute.
            with { Discovery = new DiscoverySettings(TimeSpan.Zero) };

        var report = await fixture.Run(AgentCommand.Apply, settings);

        Assert.Equal(ExitCodes.NothingToManage, report.ExitCode);
        Assert.StartsWith("ens5: no DHCP lease found", Assert.Single(report.Held).Reason, StringComparison.Ordinal);
        Assert.Equal(["ens3", "ens4"], report.Interfaces.Select(nic => nic.Name));
        Assert.Equal(7, report.Applied);
        fixture.Netlink.Verify(kernel => kernel.AddRule(It.Is<PolicyRule>(rule => rule.Priority == 103)), Times.Never);
    }

    [Fact]
    public async Task A_failed_check_exits_1()
    {
        var fixture = new Fixture(SampleHost.TwoNics());
        fixture.Prober.Setup(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.Equals(IPAddress.Parse("100.64.2.1"))), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ProbeResult(false, TimeSpan.FromMilliseconds(1), "no echo reply"));

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.VerificationFailed, report.ExitCode);
        Assert.False(report.Interfaces.Single(nic => nic.Name == "ens4").Verified);
        Assert.Contains("ens4", report.Summary);
        // A secondary's failure cannot be worse than before the apply: the rest stays in place.
        Assert.Null(report.Rollback);
        Assert.Equal(7, report.Applied);
        fixture.Netlink.Verify(kernel => kernel.DeleteRule(It.IsAny<PolicyRule>()), Times.Never);
    }

    [Fact]
    public async Task Discovery_failure_exits_3_and_changes_nothing()
    {
        var fixture = new Fixture(SampleHost.TwoNics().WithoutLease("ens3").WithoutLease("ens4"));

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.NothingToManage, report.ExitCode);
        fixture.VerifyNoChange();
    }

    [Fact]
    public async Task Verification_off_applies_without_probing()
    {
        var fixture = new Fixture(SampleHost.TwoNics());
        var settings = AgentSettings.Defaults with { Verify = AgentSettings.Defaults.Verify with { Enabled = false } };

        var report = await fixture.Run(AgentCommand.Apply, settings);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        Assert.All(report.Interfaces, nic => Assert.Null(nic.Verified));
        fixture.Prober.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_foreign_rule_in_the_way_exits_4_and_changes_nothing()
    {
        var fixture = new Fixture(SampleHost.TwoNics().WithRule(new PolicyRule(102, IPNetwork.Parse("100.64.9.9/32"), 77, RouteProtocols.Static)));

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.ApplyFailed, report.ExitCode);
        Assert.Contains("holds priority 102", Assert.Single(report.Problems!));
        fixture.VerifyNoChange();
    }

    [Fact]
    public async Task The_removed_secondary_default_is_recorded_before_the_kernel_changes()
    {
        var ens4Default = new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"),
            Protocol: RouteProtocols.Dhcp, Metric: 1003);
        var fixture = new Fixture(SampleHost.TwoNics().WithRoute(ens4Default));
        var order = new List<string>();
        fixture.State.Setup(store => store.Load()).Returns(AppliedState.Empty);
        fixture.State.Setup(store => store.Save(It.IsAny<AppliedState>())).Callback(() => order.Add("save"));
        fixture.Netlink.Setup(kernel => kernel.AddRoute(It.IsAny<Route>())).Callback(() => order.Add("kernel"));

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        Assert.Equal("save", order[0]);
        fixture.State.Verify(store => store.Save(It.Is<AppliedState>(state => state.RemovedMainDefaults.Single() == ens4Default)));
        fixture.Netlink.Verify(kernel => kernel.DeleteRoute(ens4Default));
    }

    [Fact]
    public async Task Apply_records_each_nics_slot_and_plans_with_the_recorded_ones_after_a_reboot()
    {
        // Recorded before the reboot: ens4 had slot 2 and ens3 slot 1; the kernel has no table of BootRoute's now.
        var fixture = new Fixture(SampleHost.TwoNics().Nic("ens5", "100.64.5.10", 24, "100.64.5.1"));
        var recorded = AppliedState.Empty with { Slots = [new InterfaceSlot("ens3", 1), new InterfaceSlot("ens5", 2)] };
        fixture.State.Setup(store => store.Load()).Returns(recorded);

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        fixture.Netlink.Verify(kernel => kernel.AddRule(It.Is<PolicyRule>(rule => rule.Priority == 102 && rule.Table == 102
            && rule.Source!.Value.BaseAddress.Equals(IPAddress.Parse("100.64.5.10")))));
        fixture.State.Verify(store => store.Save(It.Is<AppliedState>(state =>
            state.Slots.SequenceEqual(new[] { new InterfaceSlot("ens3", 1), new InterfaceSlot("ens4", 3), new InterfaceSlot("ens5", 2) }))));
    }

    [Fact]
    public async Task An_apply_whose_slots_are_already_recorded_writes_no_state()
    {
        var fixture = new Fixture(SampleHost.TwoNics());
        fixture.State.Setup(store => store.Load())
            .Returns(AppliedState.Empty with { Slots = [new InterfaceSlot("ens3", 1), new InterfaceSlot("ens4", 2)] });

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        fixture.State.Verify(store => store.Save(It.IsAny<AppliedState>()), Times.Never);
    }

    [Fact]
    public async Task Remove_restores_and_deletes_then_forgets_the_state()
    {
        var ens4Default = new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"), Protocol: RouteProtocols.Dhcp, Metric: 1003);
        var owned = new PolicyRule(102, IPNetwork.Parse("100.64.2.10/32"), 102);
        var fixture = new Fixture(SampleHost.TwoNics().WithRule(owned));
        fixture.State.Setup(store => store.Load()).Returns(new AppliedState([ens4Default], []));

        var report = await fixture.Run(AgentCommand.Remove);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        Assert.Equal(2, report.Applied);
        fixture.Netlink.Verify(kernel => kernel.AddRoute(ens4Default));
        fixture.Netlink.Verify(kernel => kernel.DeleteRule(owned));
        fixture.State.Verify(store => store.Delete());
    }

    [Fact]
    public async Task A_failed_remove_puts_everything_back_and_keeps_the_state()
    {
        var fixture = new Fixture(SampleHost.TwoNics()
            .WithRule(new PolicyRule(101, IPNetwork.Parse("100.64.1.10/32"), 101))
            .WithRule(new PolicyRule(102, IPNetwork.Parse("100.64.2.10/32"), 102)));
        fixture.State.Setup(store => store.Load()).Returns(AppliedState.Empty);
        fixture.Netlink.Setup(kernel => kernel.DeleteRule(It.Is<PolicyRule>(rule => rule.Priority == 102))).Throws(new NetlinkException("RTNETLINK answers: Operation not permitted"));

        var report = await fixture.Run(AgentCommand.Remove);

        Assert.Equal(ExitCodes.ApplyFailed, report.ExitCode);
        fixture.Netlink.Verify(kernel => kernel.AddRule(It.Is<PolicyRule>(rule => rule.Priority == 101)));
        fixture.State.Verify(store => store.Delete(), Times.Never);
    }

    /// <summary>
    /// ens3 (primary) configured with a gateway nobody answers on: the kernel's main default follows
    /// what apply and its undo write, and probes to 100.64.1.254 go unanswered.
    /// </summary>
    private static Fixture WrongPrimaryGateway(out Func<IPAddress?> mainGateway)
    {
        var fixture = new Fixture(SampleHost.TwoNics());
        fixture.State.Setup(store => store.Load()).Returns(AppliedState.Empty);
        IPAddress? current = IPAddress.Parse("100.64.1.1");
        mainGateway = () => current;
        fixture.Netlink.Setup(kernel => kernel.ReplaceRoute(It.Is<Route>(route => route.Table == RoutingTables.Main && route.IsDefault)))
            .Callback((Route route) => current = route.Gateway);
        fixture.Netlink.Setup(kernel => kernel.GetRoute(It.IsAny<IPAddress>(), IPAddress.Parse("100.64.1.10")))
            .Returns((IPAddress destination, IPAddress? source) => new RouteLookup(destination, source, "ens3", current, 101, RouteType.Unicast));
        fixture.Prober.Setup(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.Equals(IPAddress.Parse("100.64.1.254"))), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ProbeResult(false, TimeSpan.FromMilliseconds(1), "no echo reply from 100.64.1.254"));
        return fixture;
    }

    private static AgentSettings PrimaryVia(string gateway, bool rollback = true) =>
        SampleHost.Configured(
                new InterfaceSelection("ens3", true, null, null) { Gateway = IPAddress.Parse(gateway) },
                new InterfaceSelection("ens4", null, null, null))
            with { Verify = AgentSettings.Defaults.Verify with { Rollback = rollback } };

    [Fact]
    public async Task An_apply_that_cuts_the_primary_path_is_rolled_back_and_exits_1()
    {
        var fixture = WrongPrimaryGateway(out var mainGateway);

        var report = await fixture.Run(AgentCommand.Apply, PrimaryVia("100.64.1.254"));

        Assert.Equal(ExitCodes.VerificationFailed, report.ExitCode);
        var rollback = Assert.IsType<Reporting.RollbackReport>(report.Rollback);
        Assert.Equal(report.Operations.Count, rollback.Undone);
        Assert.True(rollback.Restored);
        Assert.Contains(rollback.Lost, lost => lost.StartsWith("next hop:", StringComparison.Ordinal));
        Assert.Equal(0, report.Applied);
        Assert.Contains("rolled back", report.Summary);
        Assert.Equal(IPAddress.Parse("100.64.1.1"), mainGateway());
        // Every rule added was deleted again.
        fixture.Netlink.Verify(kernel => kernel.DeleteRule(It.IsAny<PolicyRule>()), Times.Exactly(3));
    }

    [Fact]
    public async Task With_rollback_off_a_cut_primary_is_reported_and_left_as_applied()
    {
        var fixture = WrongPrimaryGateway(out var mainGateway);

        var report = await fixture.Run(AgentCommand.Apply, PrimaryVia("100.64.1.254", rollback: false));

        Assert.Equal(ExitCodes.VerificationFailed, report.ExitCode);
        Assert.Null(report.Rollback);
        Assert.Equal(IPAddress.Parse("100.64.1.254"), mainGateway());
        fixture.Netlink.Verify(kernel => kernel.DeleteRule(It.IsAny<PolicyRule>()), Times.Never);
    }

    [Fact]
    public async Task A_path_that_was_already_silent_before_the_apply_never_triggers_a_rollback()
    {
        var fixture = WrongPrimaryGateway(out _);
        fixture.Prober.Setup(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.Equals(IPAddress.Parse("100.64.1.1"))), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ProbeResult(false, TimeSpan.FromMilliseconds(1), "no echo reply from 100.64.1.1"));

        var report = await fixture.Run(AgentCommand.Apply, PrimaryVia("100.64.1.254"));

        Assert.Equal(ExitCodes.VerificationFailed, report.ExitCode);
        Assert.Null(report.Rollback);
    }

    /// <summary>
    /// A dual-stack host whose primary IPv6 router (fe80::1) answers until BootRoute's rules are in the
    /// kernel and again once they are gone: the apply cut the primary's IPv6 path and nothing else.
    /// </summary>
    private static Fixture IPv6PathCutByTheRules(bool silentBefore = false)
    {
        var fixture = new Fixture(SampleHost.TwoNics().WithSlaac());
        int rules = 0;
        fixture.Netlink.Setup(kernel => kernel.AddRule(It.IsAny<PolicyRule>())).Callback(() => rules++);
        fixture.Netlink.Setup(kernel => kernel.DeleteRule(It.IsAny<PolicyRule>())).Callback(() => rules--);
        var routers = new Dictionary<string, (string Device, string Router)> { ["2001:db8:1::10"] = ("ens3", "fe80::1"), ["2001:db8:2::10"] = ("ens4", "fe80::2") };
        fixture.Netlink.Setup(kernel => kernel.GetRoute(It.IsAny<IPAddress>(), It.Is<IPAddress?>(source => source!.AddressFamily == AddressFamily.InterNetworkV6)))
            .Returns((IPAddress destination, IPAddress? source) =>
                new RouteLookup(destination, source, routers[source!.ToString()].Device, IPAddress.Parse(routers[source.ToString()].Router), 0, RouteType.Unicast));
        fixture.Prober.Setup(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.ToString().StartsWith("fe80::1%", StringComparison.Ordinal)),
                It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => silentBefore || rules > 0
                ? new ProbeResult(false, TimeSpan.FromMilliseconds(1), "no echo reply from fe80::1")
                : new ProbeResult(true, TimeSpan.FromMilliseconds(1), "echo reply from fe80::1"));
        return fixture;
    }

    [Fact]
    public async Task An_apply_that_cuts_the_primarys_ipv6_path_is_rolled_back_like_ipv4()
    {
        var fixture = IPv6PathCutByTheRules();

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.VerificationFailed, report.ExitCode);
        var rollback = Assert.IsType<Reporting.RollbackReport>(report.Rollback);
        Assert.Equal(["IPv6 next hop: via fe80::1 dev ens3: no echo reply from fe80::1 (last of 3 attempts)"], rollback.Lost);
        Assert.Equal(report.Operations.Count, rollback.Undone);
        Assert.True(rollback.Restored);
        Assert.Equal(0, report.Applied);
        fixture.Netlink.Verify(kernel => kernel.AddRule(It.Is<PolicyRule>(rule => rule.Family == AddressFamily.InterNetworkV6)), Times.AtLeastOnce);
        fixture.Netlink.Verify(kernel => kernel.DeleteRule(It.IsAny<PolicyRule>()), Times.Exactly(report.Operations.Count(operation => operation.StartsWith("ip -6 rule add", StringComparison.Ordinal) || operation.StartsWith("ip rule add", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_primary_ipv6_router_silent_before_the_apply_never_triggers_a_rollback()
    {
        var fixture = IPv6PathCutByTheRules(silentBefore: true);

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.VerificationFailed, report.ExitCode);
        Assert.Null(report.Rollback);
        Assert.True(report.Applied > 0);
    }

    [Fact]
    public async Task The_primary_path_is_probed_before_the_first_kernel_change()
    {
        var fixture = new Fixture(SampleHost.TwoNics());
        var events = new List<string>();
        fixture.Prober.Setup(probe => probe.ProbeAsync(It.IsAny<Probe>(), It.IsAny<CancellationToken>()))
            .Callback((Probe probe, CancellationToken _) => { lock (events) { events.Add($"probe {probe.Destination}"); } })
            .ReturnsAsync(new ProbeResult(true, TimeSpan.FromMilliseconds(1), "echo reply"));
        fixture.Netlink.Setup(kernel => kernel.AddRule(It.IsAny<PolicyRule>())).Callback(() => { lock (events) { events.Add("change"); } });

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        Assert.Equal("probe 100.64.1.1", events[0]);
        Assert.Equal("change", events[1]);
    }

    private const string CorruptState = """{"version": 1, "removedMainDefaults": null, "sysctls": [{"key": "net/ipv4/conf/ens4/rp_filter", "original": null}]}""";

    [Fact]
    public async Task Remove_with_a_corrupt_state_file_names_it_removes_what_the_kernel_shows_and_drops_it()
    {
        string directory = Directory.CreateTempSubdirectory("bootroute-pipeline-").FullName;
        try
        {
            var owned = new PolicyRule(102, IPNetwork.Parse("100.64.2.10/32"), 102);
            var fixture = new Fixture(SampleHost.TwoNics().WithRule(owned)) { StateStore = new BootRoute.State.FileStateStore(directory) };
            File.WriteAllText(fixture.StateStore.FilePath, CorruptState);

            var report = await fixture.Run(AgentCommand.Remove);

            Assert.Equal(ExitCodes.Success, report.ExitCode);
            fixture.Netlink.Verify(kernel => kernel.DeleteRule(owned));
            fixture.Netlink.Verify(kernel => kernel.AddRoute(It.IsAny<Route>()), Times.Never);
            Assert.Contains(report.Diagnostics, line => line.StartsWith($"{fixture.StateStore.FilePath}: corrupt state file: removedMainDefaults", StringComparison.Ordinal)
                && line.EndsWith("removing what the kernel shows as BootRoute's only", StringComparison.Ordinal));
            Assert.False(File.Exists(fixture.StateStore.FilePath));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Apply_with_a_corrupt_state_file_names_it_and_starts_a_new_one()
    {
        string directory = Directory.CreateTempSubdirectory("bootroute-pipeline-").FullName;
        try
        {
            var ens4Default = new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"),
                Protocol: RouteProtocols.Dhcp, Metric: 1003);
            var fixture = new Fixture(SampleHost.TwoNics().WithRoute(ens4Default)) { StateStore = new BootRoute.State.FileStateStore(directory) };
            File.WriteAllText(fixture.StateStore.FilePath, CorruptState);

            var report = await fixture.Run(AgentCommand.Apply);

            Assert.Equal(ExitCodes.Success, report.ExitCode);
            Assert.Contains(report.Diagnostics, line => line.Contains("corrupt state file", StringComparison.Ordinal) && line.EndsWith("starting a new one", StringComparison.Ordinal));
            Assert.Equal(ens4Default, Assert.Single(fixture.StateStore.Load().RemovedMainDefaults));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The prober answers the primary-path check before apply, and throws once the apply is done.</summary>
    private static void ThrowOnceApplied(Fixture fixture, Exception error)
    {
        bool applied = false;
        fixture.RouteCache.Setup(cache => cache.Flush()).Callback(() => applied = true); // the applier's last step
        fixture.Prober.Setup(probe => probe.ProbeAsync(It.IsAny<Probe>(), It.IsAny<CancellationToken>()))
            .Returns(() => applied ? Task.FromException<ProbeResult>(error) : Task.FromResult(new ProbeResult(true, TimeSpan.FromMilliseconds(1), "echo reply")));
    }

    [Fact]
    public async Task An_exception_before_apply_changes_nothing_and_reaches_the_guard()
    {
        var fixture = new Fixture(SampleHost.TwoNics());
        fixture.Prober.Setup(probe => probe.ProbeAsync(It.IsAny<Probe>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("broken"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Run(AgentCommand.Apply));

        fixture.VerifyNoChange();
    }

    [Fact]
    public async Task An_exception_during_verification_undoes_the_apply_and_exits_70()
    {
        var fixture = new Fixture(SampleHost.TwoNics());
        var added = new List<object>();
        var removed = new List<object>();
        fixture.Netlink.Setup(kernel => kernel.AddRule(It.IsAny<PolicyRule>())).Callback((PolicyRule rule) => added.Add(rule));
        fixture.Netlink.Setup(kernel => kernel.AddRoute(It.IsAny<Route>())).Callback((Route route) => added.Add(route));
        fixture.Netlink.Setup(kernel => kernel.DeleteRule(It.IsAny<PolicyRule>())).Callback((PolicyRule rule) => removed.Add(rule));
        fixture.Netlink.Setup(kernel => kernel.DeleteRoute(It.IsAny<Route>())).Callback((Route route) => removed.Add(route));
        ThrowOnceApplied(fixture, new InvalidOperationException("a seam that breaks\nacross lines"));

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.InternalError, report.ExitCode);
        Assert.StartsWith("internal error after the kernel was changed: InvalidOperationException: a seam that breaks across lines;", report.Summary, StringComparison.Ordinal);
        Assert.EndsWith("operations applied were undone; the kernel is as before", report.Summary, StringComparison.Ordinal);
        Assert.NotEmpty(added);
        Assert.Equal(added.AsEnumerable().Reverse(), removed); // every addition taken out again, last first
        Assert.Equal(report.Operations.Count, added.Count);
    }

    [Fact]
    public async Task An_undo_the_kernel_refuses_after_an_exception_is_reported_as_incomplete()
    {
        var fixture = new Fixture(SampleHost.TwoNics());
        ThrowOnceApplied(fixture, new InvalidOperationException("broken"));
        fixture.Netlink.Setup(kernel => kernel.DeleteRule(It.Is<PolicyRule>(rule => rule.Priority == 102)))
            .Throws(new NetlinkException("RTNETLINK answers: Operation not permitted"));

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.InternalError, report.ExitCode);
        Assert.EndsWith("ROLLBACK INCOMPLETE, see diagnostics", report.Summary, StringComparison.Ordinal);
        Assert.Contains(report.Diagnostics, line => line.Contains("Operation not permitted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fault_in_the_probe_after_a_rollback_is_a_note_and_the_apply_is_undone_once()
    {
        var fixture = new Fixture(SampleHost.TwoNics());
        var added = new List<object>();
        var removed = new List<object>();
        bool applied = false;
        fixture.RouteCache.Setup(cache => cache.Flush()).Callback(() => applied = true);
        fixture.Netlink.Setup(kernel => kernel.AddRule(It.IsAny<PolicyRule>())).Callback((PolicyRule rule) => added.Add(rule));
        fixture.Netlink.Setup(kernel => kernel.AddRoute(It.IsAny<Route>())).Callback((Route route) => added.Add(route));
        fixture.Netlink.Setup(kernel => kernel.DeleteRule(It.IsAny<PolicyRule>())).Callback((PolicyRule rule) => removed.Add(rule));
        fixture.Netlink.Setup(kernel => kernel.DeleteRoute(It.IsAny<Route>())).Callback((Route route) => removed.Add(route));
        // Before the apply everything answers; after it the primary's path is silent (so the guard
        // rolls back); after the rollback the probe itself breaks.
        fixture.Prober.Setup(probe => probe.ProbeAsync(It.IsAny<Probe>(), It.IsAny<CancellationToken>()))
            .Returns(() => !applied ? Task.FromResult(new ProbeResult(true, TimeSpan.FromMilliseconds(1), "echo reply"))
                : removed.Count == 0 ? Task.FromResult(new ProbeResult(false, TimeSpan.FromMilliseconds(1), "no echo reply"))
                : Task.FromException<ProbeResult>(new InvalidOperationException("probe broke")));

        var report = await fixture.Run(AgentCommand.Apply);

        Assert.Equal(ExitCodes.VerificationFailed, report.ExitCode);
        Assert.NotNull(report.Rollback);
        Assert.False(report.Rollback.Restored);
        Assert.Contains(report.Diagnostics, line => line.StartsWith("the primary path could not be probed after the rollback: InvalidOperationException", StringComparison.Ordinal));
        Assert.NotEmpty(added);
        // Undone exactly once, last first: the pipeline's guard did not undo the same operations again.
        Assert.Equal(added.AsEnumerable().Reverse(), removed);
    }

    [Fact]
    public void An_exception_no_stage_expected_is_a_report_with_exit_70_in_one_line()
    {
        var report = RunReports.Unexpected(AgentCommand.Verify, new InvalidOperationException("bad\nthing\u001b[2J"));

        Assert.Equal(("verify", ExitCodes.InternalError), (report.Command, report.ExitCode));
        Assert.Equal("internal error: InvalidOperationException: bad thing\\x1b[2J; no change of this run's is left in the kernel", report.Summary);
    }

    [Fact]
    public async Task Plan_with_a_foreign_rule_in_the_way_says_what_apply_would_exit_4_and_lists_no_commands()
    {
        var host = SampleHost.TwoNics().WithRule(new PolicyRule(102, IPNetwork.Parse("100.64.9.9/32"), 77, RouteProtocols.Static));

        var plan = await new Fixture(host).Run(AgentCommand.Plan);
        var apply = await new Fixture(host).Run(AgentCommand.Apply);

        Assert.Equal((ExitCodes.ApplyFailed, ExitCodes.ApplyFailed), (plan.ExitCode, apply.ExitCode));
        Assert.Equal(apply.Problems, plan.Problems);
        Assert.Empty(plan.Operations);
    }
}
