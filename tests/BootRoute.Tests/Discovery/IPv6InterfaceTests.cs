using System.Net;
using System.Net.NetworkInformation;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>A NIC's IPv6 side as the kernel shows it after SLAAC, DHCPv6 or static configuration.</summary>
public sealed class IPv6InterfaceTests
{
    private static readonly Link Ens4 = new(3, "ens4", PhysicalAddress.Parse("fa-16-3e-00-00-03"), 1500, true, false);

    private static InterfaceAddress Address(string ip, int prefix, bool temporary = false, bool tentative = false, RouteScope scope = RouteScope.Universe) =>
        new(3, "ens4", IPAddress.Parse(ip), prefix, scope, IsDynamic: true, IsTemporary: temporary, IsTentative: tentative);

    private static Route DefaultVia(string router, byte protocol, uint table = RoutingTables.Main, uint metric = 1024) =>
        new(table, IPNetworkExtensions.DefaultIPv6, "ens4", IPAddress.Parse(router), Protocol: protocol, Metric: metric);

    private static HostSnapshot Snapshot(IReadOnlyList<InterfaceAddress> addresses, IReadOnlyList<Route> routes) =>
        new([Ens4], [], [], []) { IPv6 = new FamilyState(addresses, routes, []) };

    [Fact]
    public void Slaac_stable_and_privacy_addresses_share_one_prefix_and_the_router_is_the_ra_default_next_hop()
    {
        var snapshot = Snapshot(
            [Address("fe80::f816:3eff:fe00:3", 64, scope: RouteScope.Link), Address("2001:db8:1::9", 64, temporary: true), Address("2001:db8:1::f816:3eff:fe00:3", 64)],
            [DefaultVia("fe80::1", RouteProtocols.RouterAdvertisement)]);

        var (found, problem) = IPv6Interface.Find(snapshot, Ens4);

        Assert.Null(problem);
        Assert.Equal([IPAddress.Parse("2001:db8:1::f816:3eff:fe00:3"), IPAddress.Parse("2001:db8:1::9")], found!.Addresses.Select(address => address.Address));
        Assert.Equal([IPNetwork.Parse("2001:db8:1::/64")], found.Prefixes);
        Assert.Equal(IPAddress.Parse("fe80::1"), found.Router);
        Assert.Equal(IPAddress.Parse("2001:db8:1::f816:3eff:fe00:3"), found.PreferredSource);
    }

    [Fact]
    public void A_dhcpv6_slash_128_takes_the_advertised_on_link_prefix()
    {
        var snapshot = Snapshot(
            [Address("2001:db8:2::100", 128)],
            [new Route(RoutingTables.Main, IPNetwork.Parse("2001:db8:2::/64"), "ens4", Protocol: RouteProtocols.RouterAdvertisement, Metric: 100),
                DefaultVia("fe80::2", RouteProtocols.RouterAdvertisement)]);

        Assert.Equal([IPNetwork.Parse("2001:db8:2::/64")], IPv6Interface.Find(snapshot, Ens4).Found!.Prefixes);
    }

    [Fact]
    public void A_slash_128_without_an_on_link_route_is_its_own_prefix()
    {
        var snapshot = Snapshot([Address("2001:db8:2::100", 128)], [DefaultVia("fe80::2", RouteProtocols.Static)]);

        Assert.Equal([IPNetwork.Parse("2001:db8:2::100/128")], IPv6Interface.Find(snapshot, Ens4).Found!.Prefixes);
    }

    [Fact]
    public void After_apply_the_router_is_found_in_the_nics_own_table()
    {
        var snapshot = Snapshot([Address("2001:db8:1::10", 64)], [DefaultVia("fe80::7", RouteProtocols.BootRoute, table: 1002)]);

        Assert.Equal(IPAddress.Parse("fe80::7"), IPv6Interface.Find(snapshot, Ens4).Found!.Router);
    }

    [Fact]
    public void The_ra_default_in_main_wins_over_a_stale_one_in_the_nics_table()
    {
        var snapshot = Snapshot([Address("2001:db8:1::10", 64)],
            [DefaultVia("fe80::7", RouteProtocols.BootRoute, table: 1002), DefaultVia("fe80::8", RouteProtocols.RouterAdvertisement)]);

        Assert.Equal(IPAddress.Parse("fe80::8"), IPv6Interface.Find(snapshot, Ens4).Found!.Router);
    }

    [Theory]
    [InlineData("fe80::1", true, "ens4: no global IPv6 address")]
    [InlineData(null, false, "ens4: no IPv6 router (no default route on it, from a router advertisement or static)")]
    [InlineData("ff02::2", false, "ens4: IPv6 router ff02::2 cannot be a next hop: it is a multicast address")]
    [InlineData("2001:db8:1::10", false, "ens4: IPv6 router 2001:db8:1::10 cannot be a next hop: it is an address of this instance (on ens4)")]
    public void A_nic_without_a_usable_global_address_or_router_is_not_managed_for_ipv6(string? router, bool tentative, string expected)
    {
        var snapshot = Snapshot([Address("2001:db8:1::10", 64, tentative: tentative)],
            router is null ? [] : [DefaultVia(router, RouteProtocols.RouterAdvertisement)]);

        var (found, problem) = IPv6Interface.Find(snapshot, Ens4);

        Assert.Null(found);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Normalize_clears_ipv6_host_bits_and_host_routes_print_bare()
    {
        Assert.Equal(IPNetwork.Parse("2001:db8:1::/64"), new IPNetwork(IPAddress.Parse("2001:db8:1::abcd"), 64).Normalize());
        Assert.Equal(IPNetwork.Parse("2001:db8:1:8000::/49"), new IPNetwork(IPAddress.Parse("2001:db8:1:ffff::1"), 49).Normalize());
        Assert.Equal("2001:db8::1", new IPNetwork(IPAddress.Parse("2001:db8::1"), 128).ToIpString());
        Assert.Equal("default", IPNetworkExtensions.DefaultIPv6.ToIpString());
        Assert.Equal(IPNetwork.Parse("100.64.1.0/24"), new IPNetwork(IPAddress.Parse("100.64.1.10"), 24).Normalize());
    }
}
