using System.Net;
using System.Net.NetworkInformation;
using BootRoute.Discovery;
using BootRoute.Discovery.Static;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

public sealed class StaticAddressLeaseSourceTests
{
    private static readonly IPNetwork Default = new(IPAddress.Any, 0);

    private static Link Nic(int index, string name, bool loopback = false) =>
        new(index, name, loopback ? null : PhysicalAddress.Parse($"fa-16-3e-00-00-{index:x2}"), 1500, true, loopback, null, null);

    private static InterfaceAddress Address(int index, string name, string ip, bool dynamic = false, bool secondary = false, RouteScope scope = RouteScope.Universe) =>
        new(index, name, IPAddress.Parse(ip), 24, scope, dynamic, secondary);

    private static Route DefaultVia(string device, string gateway, byte protocol = RouteProtocols.Boot, uint? metric = null, uint table = RoutingTables.Main) =>
        new(table, Default, device, IPAddress.Parse(gateway), Protocol: protocol, Metric: metric);

    private static LeaseReadResult Read(IReadOnlyList<Link> links, IReadOnlyList<InterfaceAddress> addresses, IReadOnlyList<Route> routes) =>
        new StaticAddressLeaseSource().Read(new HostSnapshot(links, addresses, routes, []));

    [Fact]
    public void A_static_secondarys_main_default_that_apply_removed_still_gives_its_gateway()
    {
        Link[] links = [Nic(2, "ens3"), Nic(3, "ens4")];
        InterfaceAddress[] addresses = [Address(2, "ens3", "100.64.1.10"), Address(3, "ens4", "100.64.2.10")];
        Route[] live = [DefaultVia("ens3", "100.64.1.1", RouteProtocols.Static)];
        Route[] removed = [DefaultVia("ens4", "100.64.2.1", RouteProtocols.Static, 200), DefaultVia("ens4", "100.64.2.2", RouteProtocols.Static, 300, table: 7)];

        var result = new StaticAddressLeaseSource(removedDefaults: () => removed).Read(new HostSnapshot(links, addresses, live, []));

        Assert.Equal(["ens3 via 100.64.1.1", "ens4 via 100.64.2.1"], result.Leases.Select(l => $"{l.Interface} via {l.Gateway}"));
    }

    [Fact]
    public void Permanent_address_and_a_main_default_through_the_nic_make_a_static_lease()
    {
        var result = Read(
            [Nic(1, "lo", loopback: true), Nic(2, "ens3"), Nic(3, "ens4")],
            [Address(1, "lo", "127.0.0.1", scope: RouteScope.Host), Address(2, "ens3", "100.64.1.10"), Address(3, "ens4", "100.64.2.10", dynamic: true)],
            [DefaultVia("ens3", "100.64.1.1", RouteProtocols.Static), DefaultVia("ens4", "100.64.2.1", RouteProtocols.Dhcp, 100)]);

        Assert.Empty(result.Diagnostics);
        var lease = Assert.Single(result.Leases);
        Assert.Equal("ens3 100.64.1.10/24 via 100.64.1.1", $"{lease.Interface} {lease.Address}/{lease.PrefixLength} via {lease.Gateway}");
        Assert.Equal("static: permanent address and default route in the kernel", lease.Source);
        Assert.Null(lease.Expiry);
    }

    [Fact]
    public void The_lowest_metric_default_in_main_wins_and_other_tables_do_not_count()
    {
        Link[] links = [Nic(2, "ens3")];
        InterfaceAddress[] addresses = [Address(2, "ens3", "100.64.1.10")];

        var metric = Read(links, addresses, [DefaultVia("ens3", "100.64.1.7", metric: 300), DefaultVia("ens3", "100.64.1.6", metric: 100)]);
        var elsewhere = Read(links, addresses, [DefaultVia("ens3", "100.64.1.7", table: 7)]);

        Assert.Equal("100.64.1.6", Assert.Single(metric.Leases).Gateway?.ToString());
        Assert.Empty(elsewhere.Leases);
    }

    [Fact]
    public void Ignores_dynamic_and_secondary_addresses_our_own_routes_and_nics_without_a_default()
    {
        var result = Read(
            [Nic(2, "ens3"), Nic(3, "ens4"), Nic(4, "ens5"), Nic(5, "ens6")],
            [Address(2, "ens3", "100.64.1.10", dynamic: true), Address(3, "ens4", "100.64.2.10", secondary: true),
                Address(4, "ens5", "100.64.3.10"), Address(5, "ens6", "100.64.4.10")],
            [DefaultVia("ens3", "100.64.1.1"), DefaultVia("ens4", "100.64.2.1"), DefaultVia("ens5", "100.64.3.1", RouteProtocols.BootRoute)]);

        Assert.Empty(result.Leases);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Without_a_default_in_the_kernel_the_gateway_the_image_configures_for_that_address_makes_the_lease()
    {
        var asked = new List<(string, IPAddress)>();
        var source = new StaticAddressLeaseSource((link, address) =>
        {
            asked.Add((link.Name, address));
            return link.Name == "ens4" ? new ConfiguredGateway(IPAddress.Parse("100.64.2.1"), "/etc/sysconfig/network-scripts/ifcfg-ens4") : null;
        });

        var result = source.Read(new HostSnapshot(
            [Nic(2, "ens3"), Nic(3, "ens4"), Nic(4, "ens5")],
            [Address(2, "ens3", "100.64.1.10"), Address(3, "ens4", "100.64.2.10"), Address(4, "ens5", "100.64.3.10", dynamic: true)],
            [DefaultVia("ens3", "100.64.1.1", RouteProtocols.Static)], []));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["ens3 via 100.64.1.1", "ens4 via 100.64.2.1"], result.Leases.Select(lease => $"{lease.Interface} via {lease.Gateway}"));
        Assert.Equal("static: /etc/sysconfig/network-scripts/ifcfg-ens4", result.Leases[1].Source);
        // Only a NIC with a permanent address and no default in the kernel sends it to the image's files.
        Assert.Equal([("ens4", IPAddress.Parse("100.64.2.10"))], asked);
    }

    [Fact]
    public void An_unreadable_image_costs_that_nic_only_and_says_so()
    {
        var source = new StaticAddressLeaseSource((_, _) => throw new UnauthorizedAccessException("/etc/network/interfaces: permission denied"));

        var result = source.Read(new HostSnapshot(
            [Nic(2, "ens3"), Nic(3, "ens4")], [Address(2, "ens3", "100.64.1.10"), Address(3, "ens4", "100.64.2.10")],
            [DefaultVia("ens3", "100.64.1.1", RouteProtocols.Static)], []));

        Assert.Equal("ens3", Assert.Single(result.Leases).Interface);
        Assert.Equal("static: ens4: the image's network configuration cannot be read for its gateway: /etc/network/interfaces: permission denied",
            Assert.Single(result.Diagnostics));
    }
}
