using System.Net;
using System.Net.Sockets;
using BootRoute.Discovery;
using BootRoute.Model;
using BootRoute.Netlink;
using BootRoute.Planning;
using BootRoute.Reporting;
using BootRoute.Settings;
using BootRoute.Stages;
using BootRoute.Verification;
using Moq;
using Xunit;

namespace BootRoute.Tests.Planning;

/// <summary>
/// An unmanaged NIC holds the main default and the configured primary is another (issue #14, part 2):
/// the primary's default would collide with it (EEXIST mid-apply). plan and apply both name it, exit 4,
/// and touch nothing.
/// </summary>
public sealed class UnmanagedDefaultClashTests
{
    private static readonly AgentSettings PrimaryEns4 = SampleHost.Configured(
        new InterfaceSelection("ens4", true, null, null), new InterfaceSelection("ens5", null, null, null));

    /// <summary>ens3 (not listed) holds the main default, metric 0, as dhclient put it there.</summary>
    private static SampleHost Host() => SampleHost.TwoNics().Nic("ens5", "100.64.3.10", 24, "100.64.3.1");

    private const string Expected = "ens3 holds the main default route (\"default via 100.64.1.1 dev ens3\") and is not managed, so the primary ens4 "
        + "cannot have its default \"default via 100.64.2.1 dev ens4 proto 200\" without cutting ens3's path; manage ens3 (list it in interfaces[]), "
        + "make it the primary, or remove its default route";

    [Fact]
    public void The_clash_is_found_from_the_plan_before_anything_is_touched()
    {
        var host = Host();
        var plan = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(PrimaryEns4, host.Snapshot, host.Leases)).Plan;

        Assert.Equal([Expected], Clashes.Find(plan, host.Snapshot));
    }

    [Fact]
    public void No_clash_when_the_holder_is_managed_or_the_primary_already_has_its_default_or_the_metrics_differ()
    {
        var managed = SampleHost.Configured(new InterfaceSelection("ens3", null, null, null), new InterfaceSelection("ens4", true, null, null));
        var ownDefault = Host().WithRoute(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"),
            Protocol: RouteProtocols.Dhcp, Metric: 100));
        var otherMetric = Host().WithoutRoute(route => route.Table == RoutingTables.Main && route.IsDefault)
            .WithRoute(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.1"),
                Protocol: RouteProtocols.Dhcp, Metric: 1002));

        Assert.Empty(ClashesOf(managed, Host()));
        Assert.Empty(ClashesOf(PrimaryEns4, ownDefault));
        Assert.Empty(ClashesOf(PrimaryEns4, otherMetric));
    }

    [Fact]
    public async Task Plan_and_apply_both_exit_4_with_the_clash_and_change_nothing()
    {
        var (planRun, _) = await Run(AgentCommand.Plan);
        var (applyRun, netlink) = await Run(AgentCommand.Apply);

        Assert.Equal((ExitCodes.ApplyFailed, ExitCodes.ApplyFailed), (planRun.ExitCode, applyRun.ExitCode));
        Assert.Equal([Expected], planRun.Problems);
        Assert.Equal(applyRun.Problems, planRun.Problems);
        Assert.Empty(planRun.Operations);
        netlink.Verify(kernel => kernel.AddRoute(It.IsAny<Route>()), Times.Never);
        netlink.Verify(kernel => kernel.ReplaceRoute(It.IsAny<Route>()), Times.Never);
        netlink.Verify(kernel => kernel.DeleteRoute(It.IsAny<Route>()), Times.Never);
        netlink.Verify(kernel => kernel.AddRule(It.IsAny<PolicyRule>()), Times.Never);
        netlink.Verify(kernel => kernel.DeleteRule(It.IsAny<PolicyRule>()), Times.Never);
    }

    private static IReadOnlyList<string> ClashesOf(AgentSettings settings, SampleHost host) =>
        Clashes.Find(Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(settings, host.Snapshot, host.Leases)).Plan, host.Snapshot);

    private static async Task<(Report Report, Mock<INetlink> Netlink)> Run(AgentCommand command)
    {
        var host = Host();
        var snapshot = host.Snapshot;
        var netlink = new Mock<INetlink>();
        netlink.Setup(kernel => kernel.ListLinks()).Returns(snapshot.Links);
        netlink.Setup(kernel => kernel.ListAddresses(It.IsAny<AddressFamily>())).Returns((AddressFamily family) => snapshot.InFamily(family).Addresses);
        netlink.Setup(kernel => kernel.ListRoutes(It.IsAny<AddressFamily>())).Returns((AddressFamily family) => snapshot.InFamily(family).Routes);
        netlink.Setup(kernel => kernel.ListRules(It.IsAny<AddressFamily>())).Returns((AddressFamily family) => snapshot.InFamily(family).Rules);
        var leases = new Mock<ILeaseSource>();
        leases.Setup(source => source.Name).Returns("dhclient");
        leases.Setup(source => source.Read(It.IsAny<HostSnapshot>())).Returns(new LeaseReadResult(host.Leases, []));
        var report = await new Pipeline(PrimaryEns4 with { Discovery = new DiscoverySettings(TimeSpan.Zero) },
                new AgentServices(netlink.Object, new Mock<IRouteCache>().Object, [leases.Object], new Mock<IProber>().Object,
                    State: EmptyState()))
            .RunAsync(command, CancellationToken.None);
        return (report, netlink);
    }

    /// <summary>As the real store answers when there is no state.json.</summary>
    private static BootRoute.State.IStateStore EmptyState()
    {
        var state = new Mock<BootRoute.State.IStateStore>();
        state.Setup(store => store.Load()).Returns(AppliedState.Empty);
        return state.Object;
    }
}
