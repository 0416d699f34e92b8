using System.Net;
using BootRoute.Model;
using BootRoute.Netlink;
using BootRoute.Planning;
using BootRoute.Settings;
using BootRoute.Tests.Planning;
using BootRoute.Verification;
using Moq;
using Xunit;

namespace BootRoute.Tests.Verification;

public class VerifierTests
{
    private static readonly IPAddress Destination = IPAddress.Parse("192.0.2.1");
    private static readonly VerifySettings Settings = AgentSettings.Defaults.Verify with { Timeout = TimeSpan.FromMilliseconds(60) };
    private static readonly IPAddress Ens3 = IPAddress.Parse("100.64.1.10");
    private static readonly IPAddress Ens4 = IPAddress.Parse("100.64.2.10");
    private static readonly IPAddress Fip3 = IPAddress.Parse("203.0.113.10");
    private static readonly IPAddress Fip4 = IPAddress.Parse("203.0.113.20");

    private static RoutingPlan Plan(AgentSettings? settings = null, SampleHost? host = null)
    {
        host ??= SampleHost.TwoNics();
        return Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(settings ?? SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;
    }

    private static AgentSettings WithFloatingIps(VerifySettings? verify = null) => SampleHost.Configured(
            new InterfaceSelection("ens3", true, null, Fip3),
            new InterfaceSelection("ens4", null, null, Fip4))
        with { Verify = verify ?? Settings };

    private static Mock<INetlink> Kernel(string ens4Device = "ens4", string ens4Gateway = "100.64.2.1")
    {
        var netlink = new Mock<INetlink>();
        netlink.Setup(kernel => kernel.GetRoute(Destination, Ens3))
            .Returns(new RouteLookup(Destination, Ens3, "ens3", IPAddress.Parse("100.64.1.1"), 101, RouteType.Unicast));
        netlink.Setup(kernel => kernel.GetRoute(Destination, Ens4))
            .Returns(new RouteLookup(Destination, Ens4, ens4Device, IPAddress.Parse(ens4Gateway), 102, RouteType.Unicast));
        return netlink;
    }

    /// <summary>Every probe is answered except those to a silent destination or sent from a silent source.</summary>
    private static Mock<IProber> Network(string[]? silentDestinations = null, string[]? silentSources = null)
    {
        var prober = new Mock<IProber>();
        prober.Setup(probe => probe.ProbeAsync(It.IsAny<Probe>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Probe probe, CancellationToken _) =>
                (silentDestinations ?? []).Contains(probe.Destination.ToString()) || (silentSources ?? []).Contains(probe.Source.ToString())
                    ? new ProbeResult(false, probe.Timeout, $"no echo reply from {probe.Destination}")
                    : new ProbeResult(true, TimeSpan.FromMilliseconds(1), $"echo reply from {probe.Destination}"));
        return prober;
    }

    private static Task<VerificationResult> Verify(RoutingPlan plan, Mock<IProber> prober, Mock<INetlink>? kernel = null, VerifySettings? settings = null) =>
        new Verifier((kernel ?? Kernel()).Object, prober.Object, settings ?? Settings).VerifyAsync(plan, CancellationToken.None);

    private static CheckResult Check(VerificationResult result, string nic, string name) =>
        result.Interfaces.Single(verification => verification.Interface == nic).Checks.Single(check => check.Name == name);

    [Theory]
    [InlineData("ens4", "fe80::2", true)]
    [InlineData("ens3", "fe80::1", false)]
    public async Task Each_global_ipv6_address_must_leave_by_its_own_nic_via_its_router(string device, string router, bool passes)
    {
        var kernel = Kernel();
        var v6Destination = Verifier.IPv6LookupDestination;
        kernel.Setup(netlink => netlink.GetRoute(v6Destination, IPAddress.Parse("2001:db8:1::10")))
            .Returns(new RouteLookup(v6Destination, IPAddress.Parse("2001:db8:1::10"), "ens3", IPAddress.Parse("fe80::1"), 101, RouteType.Unicast));
        kernel.Setup(netlink => netlink.GetRoute(v6Destination, IPAddress.Parse("2001:db8:2::10")))
            .Returns(new RouteLookup(v6Destination, IPAddress.Parse("2001:db8:2::10"), device, IPAddress.Parse(router), 102, RouteType.Unicast));

        var result = await Verify(Plan(host: SampleHost.TwoNics().WithSlaac()), Network(), kernel);

        var ipv6 = result.Interfaces[1].Checks.Single(check => check.Target == "2001:db8::1 from 2001:db8:2::10");
        Assert.Equal(("egress", passes), (ipv6.Name, ipv6.Passed));
        Assert.Equal(passes, result.Passed);
        Assert.True(result.Interfaces[0].Checks.Single(check => check.Target == "2001:db8::1 from 2001:db8:1::10").Passed);
    }

    [Fact]
    public async Task Every_nic_leaving_by_itself_and_answered_by_its_gateway_passes()
    {
        var prober = Network();

        var result = await Verify(Plan(), prober);

        Assert.True(result.Passed);
        Assert.Equal(["egress", "gateway"], result.Interfaces[1].Checks.Select(check => check.Name));
        // Bound to ens4's address, the reply must come in by ens4 (ifindex 3), within a third of the timeout.
        prober.Verify(probe => probe.ProbeAsync(new Probe(Ens4, IPAddress.Parse("100.64.2.1"), null, 3, Settings.Timeout / 3), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public async Task Traffic_from_a_secondary_leaving_by_the_primary_is_wrong_egress()
    {
        var result = await Verify(Plan(), Network(), Kernel("ens3", "100.64.1.1"));

        Assert.True(result.Interfaces[0].Passed);
        var egress = Check(result, "ens4", "egress");
        Assert.False(egress.Passed);
        Assert.StartsWith("wrong egress", egress.Detail);
    }

    [Fact]
    public async Task A_silent_gateway_fails_after_three_attempts()
    {
        var prober = Network(silentDestinations: ["100.64.2.1"]);

        var result = await Verify(Plan(), prober);

        var gateway = Check(result, "ens4", "gateway");
        Assert.False(gateway.Passed);
        Assert.StartsWith("gateway silent", gateway.Detail);
        prober.Verify(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.Equals(IPAddress.Parse("100.64.2.1"))), It.IsAny<CancellationToken>()),
            Times.Exactly(3));
        Assert.Equal(["ens4"], result.FailedInterfaces);
    }

    [Fact]
    public async Task A_lookup_the_kernel_refuses_is_no_route()
    {
        var netlink = Kernel();
        netlink.Setup(kernel => kernel.GetRoute(Destination, Ens4)).Throws(new NetlinkException("RTNETLINK answers: Network is unreachable"));

        var result = await Verify(Plan(), Network(), netlink);

        Assert.StartsWith("no route", Check(result, "ens4", "egress").Detail);
    }

    [Fact]
    public async Task A_floating_ip_is_probed_from_the_other_nic_and_its_reply_must_come_back_on_that_nic()
    {
        var prober = Network();

        var result = await Verify(Plan(WithFloatingIps()), prober);

        var floating = Check(result, "ens4", "floating");
        Assert.True(floating.Passed, floating.Detail);
        Assert.Contains("answered a probe from ens3", floating.Detail);
        prober.Verify(probe => probe.ProbeAsync(new Probe(Ens3, Fip4, null, 2, Settings.Timeout / 3), It.IsAny<CancellationToken>()), Times.Once);
        prober.Verify(probe => probe.ProbeAsync(new Probe(Ens4, Fip3, null, 3, Settings.Timeout / 3), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_floating_ip_nobody_reaches_is_floating_ip_silent_and_the_gateway_check_is_separate()
    {
        var result = await Verify(Plan(WithFloatingIps()), Network(silentDestinations: ["203.0.113.20"]));

        var floating = Check(result, "ens4", "floating");
        Assert.False(floating.Passed);
        Assert.StartsWith("floating IP silent", floating.Detail);
        Assert.True(Check(result, "ens4", "gateway").Passed);
        Assert.True(Check(result, "ens3", "floating").Passed);
    }

    [Fact]
    public async Task A_gateway_that_drops_icmp_fails_the_gateway_check_but_not_the_floating_check()
    {
        var result = await Verify(Plan(WithFloatingIps()), Network(silentDestinations: ["100.64.2.1"]));

        Assert.StartsWith("gateway silent", Check(result, "ens4", "gateway").Detail);
        Assert.True(Check(result, "ens4", "floating").Passed);
    }

    [Fact]
    public async Task Targets_are_probed_from_every_nic_with_icmp_or_tcp()
    {
        var verify = Settings with
        {
            Targets = [new ProbeTarget(IPAddress.Parse("192.0.2.10"), null), new ProbeTarget(IPAddress.Parse("192.0.2.10"), 443)],
        };
        var prober = Network();

        var result = await Verify(Plan(), prober, settings: verify);

        Assert.Equal(["icmp 192.0.2.10 from 100.64.2.10", "tcp 192.0.2.10:443 from 100.64.2.10"],
            result.Interfaces[1].Checks.Where(check => check.Name == "target").Select(check => check.Target));
        prober.Verify(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Source.Equals(Ens4) && p.Port == 443 && p.Ingress == 3), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public async Task When_the_other_nic_cannot_get_out_a_target_that_answered_proves_the_floating_ip()
    {
        // ens4's provider uplink is down: nothing from ens4 gets out, so ens3's floating IP cannot be
        // reached from ens4, but ens3's own target probe came back through ens3's NAT.
        var verify = Settings with { Targets = [new ProbeTarget(IPAddress.Parse("192.0.2.10"), null)] };

        var result = await Verify(Plan(WithFloatingIps(verify)), Network(silentDestinations: ["203.0.113.20"], silentSources: ["100.64.2.10"]), settings: verify);

        var ens3 = Check(result, "ens3", "floating");
        Assert.True(ens3.Passed, ens3.Detail);
        Assert.StartsWith("203.0.113.10: ", ens3.Detail, StringComparison.Ordinal);
        Assert.Contains("answered through its NAT", ens3.Detail);
        var ens4 = Check(result, "ens4", "floating");
        Assert.False(ens4.Passed);
        Assert.StartsWith("floating IP silent", ens4.Detail);
        Assert.Equal(["ens4"], result.FailedInterfaces);
    }

    /// <summary>
    /// Three NICs: ens4's floating IP is probed from ens3 and ens5. ens3's probe is never answered (its
    /// provider does not hairpin NAT) and waits until it is cancelled; ens5's is answered at once. With
    /// two NICs and no ens5, a target of ens4 is what answers.
    /// </summary>
    /// <param name="started">Set when a silent vantage probe begins, for tests that must act while it runs.</param>
    private static (Mock<IProber> Prober, TaskCompletionSource<CancellationToken> SilentCancelled) OneSilentVantagePoint(
        string answeringSource, TaskCompletionSource? started = null)
    {
        var silentCancelled = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var prober = Network();
        prober.Setup(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.Equals(Fip4) && !p.Source.ToString().Equals(answeringSource)), It.IsAny<CancellationToken>()))
            .Returns(async (Probe _, CancellationToken token) =>
            {
                started?.TrySetResult();
                try
                {
                    // Bounded only so that a verifier that waits for it fails the test instead of hanging it.
                    await Task.Delay(TimeSpan.FromSeconds(30), token);
                }
                catch (OperationCanceledException)
                {
                    silentCancelled.TrySetResult(token);
                    throw;
                }
                return new ProbeResult(false, TimeSpan.FromSeconds(30), "no echo reply (never cancelled)");
            });
        return (prober, silentCancelled);
    }

    [Fact]
    public async Task A_floating_check_ends_at_the_first_vantage_point_that_answered_and_cancels_the_silent_one()
    {
        var host = SampleHost.TwoNics().Nic("ens5", "100.64.3.10", 24, "100.64.3.1");
        var settings = SampleHost.Configured(
            new InterfaceSelection("ens3", true, null, null), new InterfaceSelection("ens4", null, null, Fip4), new InterfaceSelection("ens5", null, null, null))
            with { Verify = Settings };
        var (prober, silentCancelled) = OneSilentVantagePoint("100.64.3.10");

        var kernel = Kernel();
        var ens5 = IPAddress.Parse("100.64.3.10");
        kernel.Setup(netlink => netlink.GetRoute(Destination, ens5))
            .Returns(new RouteLookup(Destination, ens5, "ens5", IPAddress.Parse("100.64.3.1"), 103, RouteType.Unicast));

        // The silent probe ignores its timeout and would never end: the check only finishes because
        // the answer from ens5 concluded it and cancelled the probe from ens3.
        var result = await Verify(Plan(settings, host), prober, kernel);

        var floating = Check(result, "ens4", "floating");
        Assert.True(floating.Passed, floating.Detail);
        Assert.Contains("answered a probe from ens5", floating.Detail);
        Assert.True(silentCancelled.Task.IsCompleted, "the silent vantage point's probe was not cancelled");
        Assert.True((await silentCancelled.Task).IsCancellationRequested);
        Assert.True(result.Passed);
    }

    [Fact]
    public async Task A_target_that_answered_concludes_the_floating_check_without_waiting_for_a_silent_vantage_point()
    {
        var verify = Settings with { Targets = [new ProbeTarget(IPAddress.Parse("192.0.2.10"), null)] };
        var (prober, silentCancelled) = OneSilentVantagePoint("none");

        var result = await Verify(Plan(WithFloatingIps(verify)), prober, settings: verify);

        var floating = Check(result, "ens4", "floating");
        Assert.True(floating.Passed, floating.Detail);
        Assert.Equal("203.0.113.20: icmp 192.0.2.10 from 100.64.2.10 answered through its NAT", floating.Detail);
        // The target had answered before the floating check began: no vantage point was even started.
        prober.Verify(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.Equals(Fip4)), It.IsAny<CancellationToken>()), Times.Never);
        Assert.False(silentCancelled.Task.IsCompleted);
    }

    [Fact]
    public async Task A_target_answering_while_the_vantage_points_race_concludes_the_check_and_cancels_them()
    {
        var verify = Settings with { Targets = [new ProbeTarget(IPAddress.Parse("192.0.2.10"), null)] };
        var vantageStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (prober, silentCancelled) = OneSilentVantagePoint("none", vantageStarted);
        // The target answers only once a vantage point is racing: a fixed delay instead made the test
        // depend on the machine's load (answered too early, no vantage point ever started).
        prober.Setup(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.Equals(IPAddress.Parse("192.0.2.10"))), It.IsAny<CancellationToken>()))
            .Returns(async (Probe _, CancellationToken token) =>
            {
                await vantageStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), token);
                return new ProbeResult(true, TimeSpan.FromMilliseconds(50), "echo reply from 192.0.2.10 in 50 ms");
            });

        var result = await Verify(Plan(WithFloatingIps(verify)), prober, settings: verify);

        var floating = Check(result, "ens4", "floating");
        Assert.True(floating.Passed, floating.Detail);
        Assert.StartsWith("203.0.113.20: ", floating.Detail, StringComparison.Ordinal);
        Assert.Contains("answered through its NAT", floating.Detail);
        Assert.True((await silentCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10))).IsCancellationRequested);
    }

    [Fact]
    public async Task A_floating_check_nobody_answers_names_every_hop_it_tried()
    {
        var verify = Settings with { Targets = [new ProbeTarget(IPAddress.Parse("192.0.2.10"), null)] };

        var result = await Verify(Plan(WithFloatingIps(verify)), Network(silentDestinations: ["203.0.113.20", "192.0.2.10"]), settings: verify);

        var floating = Check(result, "ens4", "floating");
        Assert.False(floating.Passed);
        Assert.StartsWith("floating IP silent: from ens3 (100.64.1.10): no echo reply from 203.0.113.20", floating.Detail, StringComparison.Ordinal);
        Assert.Contains("; icmp 192.0.2.10 from 100.64.2.10: target silent: no echo reply from 192.0.2.10", floating.Detail, StringComparison.Ordinal);
        Assert.Equal(["ens3", "ens4"], result.FailedInterfaces);
    }

    [Theory]
    [InlineData("swapped", "an address of this instance (on ens")]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("169.254.169.254", "a link-local address")]
    [InlineData("224.0.0.1", "a multicast address")]
    public async Task A_forged_echo_answer_verifies_nothing(string forged, string why)
    {
        // The forger tells each NIC the other NIC's own address: probing it would reach the instance
        // itself, with no NAT and no provider, and pass.
        var verify = Settings with { EchoUrl = new Uri("http://192.0.2.10/") };
        var prober = Network();
        prober.Setup(probe => probe.AskAddressAsync(It.IsAny<IPAddress>(), verify.EchoUrl, It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IPAddress source, Uri _, TimeSpan _, CancellationToken _) => new AddressAnswer(
                forged == "swapped" ? (source.Equals(Ens3) ? Ens4 : Ens3) : IPAddress.Parse(forged), TimeSpan.FromMilliseconds(1), "forged"));

        var result = await Verify(Plan(SampleHost.Automatic with { Verify = verify }), prober, settings: verify);

        Assert.Empty(result.DiscoveredFloatingIps);
        foreach (var nic in (string[])["ens3", "ens4"])
        {
            var check = Check(result, nic, "floating");
            Assert.False(check.Passed);
            Assert.StartsWith("floating IP unknown: the echo service answered ", check.Detail, StringComparison.Ordinal);
            Assert.Contains(why, check.Detail, StringComparison.Ordinal);
        }
        prober.Verify(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.Equals(Ens3) || p.Destination.Equals(Ens4)), It.IsAny<CancellationToken>()),
            Times.Never);
    }

    [Fact]
    public async Task Floating_ips_are_learnt_from_the_echo_url_and_then_probed()
    {
        var verify = Settings with { EchoUrl = new Uri("http://192.0.2.10/") };
        var prober = Network();
        prober.Setup(probe => probe.AskAddressAsync(It.IsAny<IPAddress>(), verify.EchoUrl, It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IPAddress source, Uri _, TimeSpan _, CancellationToken _) => source.Equals(Ens3)
                ? new AddressAnswer(Fip3, TimeSpan.FromMilliseconds(1), "saw 203.0.113.10")
                : new AddressAnswer(null, TimeSpan.FromMilliseconds(20), "no answer from http://192.0.2.10/"));

        var result = await Verify(Plan(SampleHost.Automatic with { Verify = verify }), prober, settings: verify);

        Assert.Equal(Fip3, result.DiscoveredFloatingIps["ens3"]);
        Assert.True(Check(result, "ens3", "floating").Passed);
        prober.Verify(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.Equals(Fip3) && p.Source.Equals(Ens4)), It.IsAny<CancellationToken>()),
            Times.Once);
        var unknown = Check(result, "ens4", "floating");
        Assert.False(unknown.Passed);
        Assert.StartsWith("floating IP unknown", unknown.Detail);
        Assert.False(result.DiscoveredFloatingIps.ContainsKey("ens4"));
    }

    [Fact]
    public async Task A_configured_floating_ip_is_probed_without_waiting_for_another_nics_echo_url_answer()
    {
        // ens4 asks the echo URL, whose answer arrives only once ens3's configured floating IP was
        // probed: a verifier that waited for every answer first would get it only after 30 s, too late.
        var verify = Settings with { EchoUrl = new Uri("http://192.0.2.10/") };
        var settings = SampleHost.Configured(new InterfaceSelection("ens3", true, null, Fip3), new InterfaceSelection("ens4", null, null, null)
            { DiscoverFloatingIp = true }) with { Verify = verify };
        var probedFip3 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var prober = Network();
        prober.Setup(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.Equals(Fip3)), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Probe probe, CancellationToken _) =>
            {
                probedFip3.TrySetResult();
                return new ProbeResult(true, TimeSpan.FromMilliseconds(1), $"echo reply from {probe.Destination}");
            });
        prober.Setup(probe => probe.AskAddressAsync(Ens4, verify.EchoUrl, It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Returns(async (IPAddress _, Uri _, TimeSpan _, CancellationToken token) =>
                await Task.WhenAny(probedFip3.Task, Task.Delay(TimeSpan.FromSeconds(30), token)) == probedFip3.Task
                    ? new AddressAnswer(Fip4, TimeSpan.FromMilliseconds(1), "saw 203.0.113.20")
                    : new AddressAnswer(null, TimeSpan.FromSeconds(30), "answered only after the other floating checks waited"));

        var result = await Verify(Plan(settings), prober, settings: verify);

        Assert.Equal(Fip4, result.DiscoveredFloatingIps["ens4"]);
        Assert.True(Check(result, "ens3", "floating").Passed);
        Assert.True(Check(result, "ens4", "floating").Passed, Check(result, "ens4", "floating").Detail);
    }

    [Fact]
    public async Task A_single_nic_floating_ip_without_targets_is_noted_not_failed()
    {
        var host = new SampleHost().Nic("ens3", "100.64.1.10", 24, "100.64.1.1");
        var settings = SampleHost.Configured(new InterfaceSelection("ens3", null, null, Fip3)) with { Verify = Settings };

        var result = await Verify(Plan(settings, host), Network());

        Assert.True(result.Passed);
        Assert.DoesNotContain(result.Interfaces[0].Checks, check => check.Name == "floating");
        Assert.Contains(result.Notes, note => note.Contains("203.0.113.10 not probed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_primary_path_probes_the_next_hop_the_kernel_uses_not_the_planned_gateway()
    {
        var netlink = Kernel();
        netlink.Setup(kernel => kernel.GetRoute(Destination, Ens3))
            .Returns(new RouteLookup(Destination, Ens3, "ens3", IPAddress.Parse("100.64.1.254"), 101, RouteType.Unicast));
        var prober = Network(silentDestinations: ["100.64.1.254"]);

        var path = await new Verifier(netlink.Object, prober.Object, Settings).ProbePrimaryPathAsync(Plan(), CancellationToken.None);

        var nextHop = Assert.Single(path);
        Assert.Equal("next hop", nextHop.Key);
        Assert.False(nextHop.Passed);
        Assert.Contains("via 100.64.1.254 dev ens3", nextHop.Detail);
    }

    [Fact]
    public async Task Before_the_apply_a_primary_sent_out_another_nic_passes_when_its_own_gateway_answers_but_never_after()
    {
        // Two DHCP defaults in main, ens4's first: the kernel sends ens3's traffic out ens4, where the
        // provider drops it. Before the apply the guard takes ens3's own gateway instead of waiting out
        // verify.timeout on a path the apply is about to replace; after the apply no such allowance.
        var netlink = Kernel();
        netlink.Setup(kernel => kernel.GetRoute(Destination, Ens3))
            .Returns(new RouteLookup(Destination, Ens3, "ens4", IPAddress.Parse("100.64.2.1"), 254, RouteType.Unicast));
        var prober = Network(silentDestinations: ["100.64.2.1"]);
        var verifier = new Verifier(netlink.Object, prober.Object, Settings);

        var before = Assert.Single(await verifier.ProbePrimaryPathAsync(Plan(), CancellationToken.None, beforeApply: true));
        var after = Assert.Single(await verifier.ProbePrimaryPathAsync(Plan(), CancellationToken.None));

        Assert.True(before.Passed, before.Detail);
        Assert.StartsWith("via 100.64.1.1 dev ens3, its own gateway, while the kernel sends it out ens4: ", before.Detail, StringComparison.Ordinal);
        Assert.False(after.Passed);
        Assert.StartsWith("via 100.64.2.1 dev ens4: ", after.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_apply_a_primary_sent_out_another_nic_fails_when_neither_way_answers_and_names_both()
    {
        var netlink = Kernel();
        netlink.Setup(kernel => kernel.GetRoute(Destination, Ens3))
            .Returns(new RouteLookup(Destination, Ens3, "ens4", IPAddress.Parse("100.64.2.1"), 254, RouteType.Unicast));
        var prober = Network(silentDestinations: ["100.64.2.1", "100.64.1.1"]);

        var before = Assert.Single(await new Verifier(netlink.Object, prober.Object, Settings).ProbePrimaryPathAsync(Plan(), CancellationToken.None, beforeApply: true));

        Assert.False(before.Passed);
        Assert.Contains("via 100.64.2.1 dev ens4: ", before.Detail, StringComparison.Ordinal);
        Assert.Contains("via 100.64.1.1 dev ens3, its own gateway", before.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_route_the_primary_path_fails_every_probe()
    {
        var netlink = Kernel();
        netlink.Setup(kernel => kernel.GetRoute(Destination, Ens3)).Throws(new NetlinkException("RTNETLINK answers: Network is unreachable"));
        var verify = Settings with { Targets = [new ProbeTarget(IPAddress.Parse("192.0.2.10"), 22)] };

        var path = await new Verifier(netlink.Object, Network().Object, verify).ProbePrimaryPathAsync(Plan(), CancellationToken.None);

        Assert.Equal(["next hop", "target 192.0.2.10:22"], path.Select(check => check.Key));
        Assert.All(path, check => Assert.False(check.Passed));
    }
}
