using System.Net;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Tests.Planning;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>
/// The instance every persistence test renders: ens3 (primary, 100.64.1.10/24 via .1) and ens4
/// (100.64.2.10/24 via .1, DHCP option 121 with the metadata route), as dhclient left them; and the
/// same instance dual stack (<see cref="DualStackHost"/>).
/// </summary>
internal static class PersistenceSamples
{
    public static SampleHost Host()
    {
        var gateway = IPAddress.Parse("100.64.2.1");
        var host = new SampleHost()
            .Nic("ens3", "100.64.1.10", 24, "100.64.1.1")
            .Nic("ens4", "100.64.2.10", 24, "100.64.2.1",
            [
                new ClasslessStaticRoute(new IPNetwork(IPAddress.Parse("169.254.169.254"), 32), gateway),
                new ClasslessStaticRoute(IPNetworkExtensions.DefaultIPv4, gateway),
            ]);
        return host.WithRoute(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Boot));
    }

    /// <summary>
    /// The same instance dual stack: SLAAC 2001:db8:1::10/64 on ens3 (router fe80::1, IPv6's primary)
    /// and 2001:db8:2::10/64 on ens4 (router fe80::2), each router's advertised default in main.
    /// </summary>
    public static SampleHost DualStackHost() => Host().WithSlaac();

    /// <summary>The dual-stack instance's plan; its IPv6 half is there.</summary>
    public static RoutingPlan DualStackPlan()
    {
        var plan = Plan(DualStackHost());
        Assert.NotNull(plan.IPv6);
        return plan;
    }

    public static RoutingPlan Plan(SampleHost? host = null)
    {
        host ??= Host();
        return Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;
    }

    /// <summary>The MAC SampleHost gives the n-th link (lo is 1, ens3 2, ens4 3).</summary>
    public static string MacOf(int index) => $"fa:16:3e:00:00:{index:x2}";

    /// <summary>A golden file's text from Fixtures/persistence.</summary>
    public static string Golden(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "persistence", name));
}
