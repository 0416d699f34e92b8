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
    private static readonly VerifySettings Settings = AgentSettings.Defaults.Verify with { Timeout = TimeSpan.FromMilliseconds(50) };

    private static RoutingPlan Plan()
    {
        var host = SampleHost.TwoNics();
        return Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;
    }

    private static Mock<INetlink> Kernel(string ens4Device, string ens4Gateway)
    {
        var netlink = new Mock<INetlink>();
        netlink.Setup(kernel => kernel.GetRoute(Destination, IPAddress.Parse("100.64.1.10")))
            .Returns(new RouteLookup(Destination, IPAddress.Parse("100.64.1.10"), "ens3", IPAddress.Parse("100.64.1.1"), 101, RouteType.Unicast));
        netlink.Setup(kernel => kernel.GetRoute(Destination, IPAddress.Parse("100.64.2.10")))
            .Returns(new RouteLookup(Destination, IPAddress.Parse("100.64.2.10"), ens4Device, IPAddress.Parse(ens4Gateway), 102, RouteType.Unicast));
        return netlink;
    }

    private static Mock<IProber> Gateways(params string[] silent)
    {
        var prober = new Mock<IProber>();
        prober.Setup(probe => probe.EchoAsync(It.IsAny<IPAddress>(), It.IsAny<IPAddress>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IPAddress _, IPAddress target, TimeSpan _, CancellationToken _) =>
                silent.Contains(target.ToString())
                    ? new ProbeResult(false, TimeSpan.FromMilliseconds(50), $"no echo reply from {target}")
                    : new ProbeResult(true, TimeSpan.FromMilliseconds(1), $"echo reply from {target}"));
        return prober;
    }

    [Fact]
    public async Task Every_nic_leaving_by_itself_and_answered_by_its_gateway_passes()
    {
        var prober = Gateways();

        var results = await new Verifier(Kernel("ens4", "100.64.2.1").Object, prober.Object, Settings).VerifyAsync(Plan(), CancellationToken.None);

        Assert.All(results, result => Assert.True(result.Passed));
        Assert.Equal(["egress", "gateway"], results[1].Checks.Select(check => check.Name));
        prober.Verify(probe => probe.EchoAsync(IPAddress.Parse("100.64.2.10"), IPAddress.Parse("100.64.2.1"), Settings.Timeout, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Traffic_from_a_secondary_leaving_by_the_primary_is_wrong_egress()
    {
        var results = await new Verifier(Kernel("ens3", "100.64.1.1").Object, Gateways().Object, Settings).VerifyAsync(Plan(), CancellationToken.None);

        Assert.True(results[0].Passed);
        var egress = results[1].Checks.Single(check => check.Name == "egress");
        Assert.False(egress.Passed);
        Assert.StartsWith("wrong egress", egress.Detail);
    }

    [Fact]
    public async Task A_silent_gateway_fails_after_bounded_retries()
    {
        var prober = Gateways("100.64.2.1");

        var results = await new Verifier(Kernel("ens4", "100.64.2.1").Object, prober.Object, Settings).VerifyAsync(Plan(), CancellationToken.None);

        var gateway = results[1].Checks.Single(check => check.Name == "gateway");
        Assert.False(gateway.Passed);
        Assert.StartsWith("gateway silent", gateway.Detail);
        prober.Verify(probe => probe.EchoAsync(IPAddress.Parse("100.64.2.10"), IPAddress.Parse("100.64.2.1"), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task A_lookup_the_kernel_refuses_is_no_route()
    {
        var netlink = Kernel("ens4", "100.64.2.1");
        netlink.Setup(kernel => kernel.GetRoute(Destination, IPAddress.Parse("100.64.2.10")))
            .Throws(new NetlinkException("RTNETLINK answers: Network is unreachable"));

        var results = await new Verifier(netlink.Object, Gateways().Object, Settings).VerifyAsync(Plan(), CancellationToken.None);

        Assert.StartsWith("no route", results[1].Checks[0].Detail);
    }
}
