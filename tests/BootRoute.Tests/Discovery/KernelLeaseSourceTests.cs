using System.Net;
using System.Net.NetworkInformation;
using BootRoute.Discovery;
using BootRoute.Discovery.Kernel;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

public sealed class KernelLeaseSourceTests
{
    private static readonly IPNetwork Default = new(IPAddress.Any, 0);

    private static Link Nic(int index, string name, bool loopback = false) =>
        new(index, name, loopback ? null : PhysicalAddress.Parse($"fa-16-3e-00-00-{index:x2}"), 1500, true, loopback, null, null);

    private static InterfaceAddress Address(int index, string name, string ip, bool dynamic = true, bool secondary = false, RouteScope scope = RouteScope.Universe) =>
        new(index, name, IPAddress.Parse(ip), 24, scope, dynamic, secondary);

    private static Route DefaultVia(string device, string gateway, byte protocol, uint? metric = null, uint table = RoutingTables.Main, RouteType type = RouteType.Unicast) =>
        new(table, Default, device, IPAddress.Parse(gateway), Protocol: protocol, Metric: metric, Type: type);

    private static LeaseReadResult Read(IReadOnlyList<Link> links, IReadOnlyList<InterfaceAddress> addresses, IReadOnlyList<Route> routes) =>
        new KernelLeaseSource().Read(new HostSnapshot(links, addresses, routes, []));

    [Fact]
    public void Dynamic_address_and_its_links_default_route_make_a_lease()
    {
        var result = Read(
            [Nic(1, "lo", loopback: true), Nic(2, "ens3"), Nic(3, "ens4")],
            [Address(1, "lo", "127.0.0.1", dynamic: false, scope: RouteScope.Host), Address(2, "ens3", "100.64.1.10"), Address(3, "ens4", "100.64.2.10")],
            [DefaultVia("ens3", "100.64.1.1", RouteProtocols.Dhcp, 100), DefaultVia("ens4", "100.64.2.1", RouteProtocols.Dhcp, 200)]);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            ["ens3 100.64.1.10/24 via 100.64.1.1 kernel", "ens4 100.64.2.10/24 via 100.64.2.1 kernel"],
            result.Leases.Select(l => $"{l.Interface} {l.Address}/{l.PrefixLength} via {l.Gateway} {l.Source}"));
        Assert.All(result.Leases, l => Assert.Empty(l.ClasslessStaticRoutes));
    }

    [Fact]
    public void A_secondarys_default_that_apply_removed_still_gives_its_gateway()
    {
        Link[] links = [Nic(2, "ens3"), Nic(3, "ens4")];
        InterfaceAddress[] addresses = [Address(2, "ens3", "100.64.1.10"), Address(3, "ens4", "100.64.2.10")];
        Route[] live = [DefaultVia("ens3", "100.64.1.1", RouteProtocols.Dhcp, 100)];
        Route[] removed = [DefaultVia("ens4", "100.64.2.1", RouteProtocols.Dhcp, 200)];

        var withoutRecord = new KernelLeaseSource().Read(new HostSnapshot(links, addresses, live, []));
        var withRecord = new KernelLeaseSource(() => removed).Read(new HostSnapshot(links, addresses, live, []));

        Assert.Equal(["ens3"], withoutRecord.Leases.Select(l => l.Interface));
        Assert.Equal(["ens3 via 100.64.1.1", "ens4 via 100.64.2.1"], withRecord.Leases.Select(l => $"{l.Interface} via {l.Gateway}"));
    }

    [Fact]
    public void A_live_default_wins_over_a_recorded_one_and_a_record_alone_makes_no_lease()
    {
        Link[] links = [Nic(3, "ens4")];
        Route[] removed = [DefaultVia("ens4", "100.64.2.1", RouteProtocols.Dhcp, 200), DefaultVia("ens4", "100.64.2.9", RouteProtocols.BootRoute, 0)];
        var source = new KernelLeaseSource(() => removed);

        var renewed = source.Read(new HostSnapshot(links, [Address(3, "ens4", "100.64.2.10")], [DefaultVia("ens4", "100.64.2.254", RouteProtocols.Dhcp, 200)], []));
        var expired = source.Read(new HostSnapshot(links, [Address(3, "ens4", "100.64.2.10", dynamic: false)], [], []));

        Assert.Equal("100.64.2.254", Assert.Single(renewed.Leases).Gateway?.ToString());
        Assert.Empty(expired.Leases);
    }

    [Fact]
    public void Prefers_proto_dhcp_then_boot_then_lowest_metric()
    {
        Link[] links = [Nic(2, "ens3")];
        InterfaceAddress[] addresses = [Address(2, "ens3", "100.64.1.10")];

        var dhcp = Read(links, addresses,
            [DefaultVia("ens3", "100.64.1.7", RouteProtocols.Static, 0), DefaultVia("ens3", "100.64.1.8", RouteProtocols.Boot, 0, table: 7), DefaultVia("ens3", "100.64.1.9", RouteProtocols.Dhcp, 500)]);
        var boot = Read(links, addresses,
            [DefaultVia("ens3", "100.64.1.7", RouteProtocols.Static, 0), DefaultVia("ens3", "100.64.1.8", RouteProtocols.Boot, 300)]);
        var metric = Read(links, addresses,
            [DefaultVia("ens3", "100.64.1.7", RouteProtocols.Static, 300), DefaultVia("ens3", "100.64.1.6", RouteProtocols.Static, 100)]);

        Assert.Equal("100.64.1.9", Assert.Single(dhcp.Leases).Gateway?.ToString());
        Assert.Equal("100.64.1.8", Assert.Single(boot.Leases).Gateway?.ToString());
        Assert.Equal("100.64.1.6", Assert.Single(metric.Leases).Gateway?.ToString());
    }

    [Fact]
    public void Ignores_our_own_routes_other_devices_and_non_unicast_defaults()
    {
        var result = Read(
            [Nic(2, "ens3")],
            [Address(2, "ens3", "100.64.1.10")],
            [
                DefaultVia("ens3", "100.64.1.1", RouteProtocols.BootRoute, table: 101),
                DefaultVia("ens4", "100.64.2.1", RouteProtocols.Dhcp),
                DefaultVia("ens3", "100.64.1.2", RouteProtocols.Dhcp, type: RouteType.Blackhole),
                new Route(RoutingTables.Main, IPNetwork.Parse("100.64.1.0/24"), "ens3", Protocol: RouteProtocols.Kernel),
            ]);

        Assert.Empty(result.Leases);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Needs_a_global_dynamic_address_and_takes_the_primary_one()
    {
        Route[] routes = [DefaultVia("ens3", "100.64.1.1", RouteProtocols.Boot)];

        var permanent = Read([Nic(2, "ens3")], [Address(2, "ens3", "100.64.1.10", dynamic: false)], routes);
        var linkScope = Read([Nic(2, "ens3")], [Address(2, "ens3", "100.64.1.10", scope: RouteScope.Link)], routes);
        var primary = Read([Nic(2, "ens3")],
            [Address(2, "ens3", "100.64.1.20", secondary: true), Address(2, "ens3", "100.64.1.10", dynamic: false), Address(2, "ens3", "100.64.1.30")],
            routes);

        Assert.Empty(permanent.Leases);
        Assert.Empty(linkScope.Leases);
        var secondaryOnly = Read([Nic(2, "ens3")], [Address(2, "ens3", "100.64.1.20", secondary: true)], routes);

        Assert.Equal("100.64.1.30", Assert.Single(primary.Leases).Address.ToString());
        Assert.Empty(secondaryOnly.Leases);
    }

    [Fact]
    public void Loopback_never_gets_a_lease()
    {
        var result = Read([Nic(1, "lo", loopback: true)], [Address(1, "lo", "100.64.9.9")], [DefaultVia("lo", "100.64.9.1", RouteProtocols.Boot)]);

        Assert.Empty(result.Leases);
    }
}
