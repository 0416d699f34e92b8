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

/// <summary>The IPv6 side of verification: the router's ICMPv6 echo from each global address, IPv6 targets, the primary's IPv6 path.</summary>
public class VerifierIPv6Tests
{
    private static readonly VerifySettings Settings = AgentSettings.Defaults.Verify with { Timeout = TimeSpan.FromMilliseconds(60) };
    private static readonly IPAddress Ens3v6 = IPAddress.Parse("2001:db8:1::10");
    private static readonly IPAddress Ens4v6 = IPAddress.Parse("2001:db8:2::10");
    private static readonly ProbeTarget V6Target = new(IPAddress.Parse("2001:db8:ffff::10"), null);
    private static readonly ProbeTarget V4Target = new(IPAddress.Parse("192.0.2.10"), 22);

    private static RoutingPlan Plan(SampleHost host) =>
        Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;

    /// <summary>Every lookup leaves by the source's own NIC via its own gateway or router: the apply is right.</summary>
    private static Mock<INetlink> Kernel(string ens3Router = "fe80::1")
    {
        var netlink = new Mock<INetlink>();
        var own = new Dictionary<string, (string Device, string Gateway)>
        {
            ["100.64.1.10"] = ("ens3", "100.64.1.1"), ["100.64.2.10"] = ("ens4", "100.64.2.1"),
            ["2001:db8:1::10"] = ("ens3", ens3Router), ["2001:db8:2::10"] = ("ens4", "fe80::2"),
        };
        netlink.Setup(kernel => kernel.GetRoute(It.IsAny<IPAddress>(), It.IsAny<IPAddress?>()))
            .Returns((IPAddress destination, IPAddress? source) =>
                new RouteLookup(destination, source, own[source!.ToString()].Device, IPAddress.Parse(own[source.ToString()].Gateway), 0, RouteType.Unicast));
        return netlink;
    }

    /// <summary>Every probe answered but those to a silent destination (scope ids ignored: "fe80::1" is silent on every link).</summary>
    private static Mock<IProber> Network(params string[] silent)
    {
        var prober = new Mock<IProber>();
        prober.Setup(probe => probe.ProbeAsync(It.IsAny<Probe>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Probe probe, CancellationToken _) =>
                silent.Contains(IcmpV6Echo.WithoutScope(probe.Destination).ToString())
                    ? new ProbeResult(false, probe.Timeout, $"no echo reply from {probe.Destination}")
                    : new ProbeResult(true, TimeSpan.FromMilliseconds(1), $"echo reply from {probe.Destination}"));
        return prober;
    }

    private static Task<VerificationResult> Verify(SampleHost host, Mock<IProber> prober, VerifySettings? settings = null) =>
        new Verifier(Kernel().Object, prober.Object, settings ?? Settings).VerifyAsync(Plan(host), CancellationToken.None);

    private static IPAddress Scoped(string router, int ifindex) => new(IPAddress.Parse(router).GetAddressBytes(), ifindex);

    [Fact]
    public async Task Each_global_address_echoes_its_router_on_its_own_link()
    {
        var prober = Network();

        var result = await Verify(SampleHost.TwoNics().WithSlaac(), prober);

        Assert.True(result.Passed);
        var gateways = result.Interfaces[1].Checks.Where(check => check.Name == "gateway").Select(check => check.Target);
        Assert.Equal(["100.64.2.1 from 100.64.2.10", "fe80::2%ens4 from 2001:db8:2::10"], gateways);
        // Sent from the global address to the router scoped to ens4 (ifindex 3); the reply must come in by ens4.
        prober.Verify(probe => probe.ProbeAsync(new Probe(Ens4v6, Scoped("fe80::2", 3), null, 3, Settings.Timeout / 3), It.IsAny<CancellationToken>()),
            Times.Once);
        // ens3 is the primary: its router is echoed as its gateway check and as the primary's IPv6 next hop (what rollback compares).
        prober.Verify(probe => probe.ProbeAsync(new Probe(Ens3v6, Scoped("fe80::1", 2), null, 2, Settings.Timeout / 3), It.IsAny<CancellationToken>()),
            Times.Exactly(2));
        Assert.Contains(result.PrimaryPath, check => check is { Key: "IPv6 next hop", Passed: true });
    }

    [Fact]
    public async Task A_silent_router_fails_that_nics_gateway_check_only()
    {
        var result = await Verify(SampleHost.TwoNics().WithSlaac(), Network("fe80::2"));

        var router = result.Interfaces[1].Checks.Single(check => check.Target == "fe80::2%ens4 from 2001:db8:2::10");
        Assert.Equal(("gateway", false), (router.Name, router.Passed));
        Assert.StartsWith("gateway silent: no echo reply from fe80::2", router.Detail, StringComparison.Ordinal);
        Assert.Equal(["ens4"], result.FailedInterfaces);
    }

    [Fact]
    public async Task An_ipv6_target_is_probed_from_each_nics_ipv6_address_and_an_ipv4_one_from_its_ipv4_address()
    {
        var prober = Network();

        var result = await Verify(SampleHost.TwoNics().WithSlaac(), prober, Settings with { Targets = [V4Target, V6Target] });

        Assert.Equal(["tcp 192.0.2.10:22 from 100.64.2.10", "icmp 2001:db8:ffff::10 from 2001:db8:2::10"],
            result.Interfaces[1].Checks.Where(check => check.Name == "target").Select(check => check.Target));
        prober.Verify(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.Equals(V6Target.Address) && !p.Source.Equals(Ens3v6) && !p.Source.Equals(Ens4v6)),
            It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public async Task An_ipv6_target_on_a_host_without_ipv6_is_noted_not_failed()
    {
        var prober = Network();

        var result = await Verify(SampleHost.TwoNics(), prober, Settings with { Targets = [V6Target] });

        Assert.True(result.Passed);
        Assert.DoesNotContain(result.Interfaces.SelectMany(nic => nic.Checks), check => check.Name == "target");
        Assert.Equal(["ens3: target 2001:db8:ffff::10 not probed: ens3 is not managed in IPv6", "ens4: target 2001:db8:ffff::10 not probed: ens4 is not managed in IPv6"],
            result.Notes);
        prober.Verify(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.Equals(V6Target.Address)), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task The_primary_path_includes_the_router_the_kernel_uses_for_the_primarys_ipv6_address()
    {
        var prober = Network("fe80::99");
        var verifier = new Verifier(Kernel(ens3Router: "fe80::99").Object, prober.Object, Settings with { Targets = [V4Target, V6Target] });

        var path = await verifier.ProbePrimaryPathAsync(Plan(SampleHost.TwoNics().WithSlaac()), CancellationToken.None);

        Assert.Equal(["next hop", "target 192.0.2.10:22", "IPv6 next hop", "target 2001:db8:ffff::10"], path.Select(check => check.Key));
        var router = path[2];
        Assert.False(router.Passed);
        Assert.StartsWith("via fe80::99 dev ens3: no echo reply from fe80::99", router.Detail, StringComparison.Ordinal);
        prober.Verify(probe => probe.ProbeAsync(new Probe(Ens3v6, Scoped("fe80::99", 2), null, 2, Settings.Timeout / 3), It.IsAny<CancellationToken>()),
            Times.AtLeastOnce);
        prober.Verify(probe => probe.ProbeAsync(It.Is<Probe>(p => p.Destination.Equals(V6Target.Address) && p.Source.Equals(Ens3v6)), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public async Task Without_ipv6_the_primary_path_is_the_ipv4_one_alone()
    {
        var verifier = new Verifier(Kernel().Object, Network().Object, Settings with { Targets = [V4Target, V6Target] });

        var path = await verifier.ProbePrimaryPathAsync(Plan(SampleHost.TwoNics()), CancellationToken.None);

        Assert.Equal(["next hop", "target 192.0.2.10:22"], path.Select(check => check.Key));
    }
}
