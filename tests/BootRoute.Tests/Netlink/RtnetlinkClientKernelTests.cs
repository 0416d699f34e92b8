using System.Net.NetworkInformation;
using System.Net;
using System.Net.Sockets;
using BootRoute.Model;
using BootRoute.Native;
using BootRoute.Netlink;
using BootRoute.Planning;
using Xunit;

namespace BootRoute.Tests.Netlink;

/// <summary>
/// The client against a real kernel, in a namespace of its own per test:
/// <code>
///   v0 02:00:00:00:00:01  100.64.1.10/24, 100.64.1.11/24 (secondary)  ── peer v1 (up)
///   v2 02:00:00:00:00:02  198.51.100.10/24, 203.0.113.5/24 (valid_lft 300) ── peer v3, port of bridge b0
/// </code>
/// </summary>
public sealed class RtnetlinkClientKernelTests : IDisposable
{
    private static readonly IPAddress GatewayOnV0 = IPAddress.Parse("100.64.1.1");
    private static readonly IPAddress GatewayOnV2 = IPAddress.Parse("198.51.100.1");

    private readonly LabNamespace _lab;
    private readonly RtnetlinkClient _client;

    public RtnetlinkClientKernelTests()
    {
        _lab = new LabNamespace();
        try
        {
            _lab.Ip("link", "add", "v0", "address", "02:00:00:00:00:01", "type", "veth", "peer", "name", "v1");
            _lab.Ip("link", "add", "v2", "address", "02:00:00:00:00:02", "mtu", "1400", "type", "veth", "peer", "name", "v3");
            _lab.Ip("link", "add", "b0", "type", "bridge");
            _lab.Ip("link", "set", "v3", "master", "b0");
            foreach (string link in new[] { "v0", "v1", "v2", "v3", "b0" })
            {
                _lab.Ip("link", "set", link, "up");
            }
            _lab.Ip("addr", "add", "100.64.1.10/24", "dev", "v0");
            _lab.Ip("addr", "add", "100.64.1.11/24", "dev", "v0");
            _lab.Ip("addr", "add", "198.51.100.10/24", "dev", "v2");
            _lab.Ip("addr", "add", "203.0.113.5/24", "dev", "v2", "valid_lft", "300", "preferred_lft", "300");
            _client = RtnetlinkClient.Open(_lab.Path);
        }
        catch
        {
            _lab.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _lab.Dispose();
    }

    [Fact]
    public void ListLinks_SeesOnlyTheLabNamespace_WithKindMacMtuFlagsAndMaster()
    {
        IReadOnlyList<Link> links = _client.ListLinks();

        Assert.Equal(["b0", "lo", "v0", "v1", "v2", "v3"], links.Select(link => link.Name).Order());
        Link lo = links.Single(link => link.Name == "lo");
        Assert.True(lo.IsLoopback);
        Assert.True(lo.IsUp);
        Link v0 = links.Single(link => link.Name == "v0");
        Assert.Equal(PhysicalAddress.Parse("02-00-00-00-00-01"), v0.MacAddress);
        Assert.Equal("veth", v0.Kind);
        Assert.Equal(1500, v0.Mtu);
        Assert.False(v0.IsLoopback);
        Assert.Equal(1400, links.Single(link => link.Name == "v2").Mtu);
        Link b0 = links.Single(link => link.Name == "b0");
        Assert.Equal("bridge", b0.Kind);
        Assert.Equal(b0.Index, links.Single(link => link.Name == "v3").MasterIndex);
        Assert.Null(v0.MasterIndex);
    }

    [Fact]
    public void ListAddresses_ReportsPrefixScopeSecondaryAndDynamic()
    {
        IReadOnlyList<InterfaceAddress> addresses = _client.ListAddresses(AddressFamily.InterNetwork);
        int v0 = _client.ListLinks().Single(link => link.Name == "v0").Index;
        int v2 = _client.ListLinks().Single(link => link.Name == "v2").Index;

        Assert.Contains(new InterfaceAddress(v0, "v0", IPAddress.Parse("100.64.1.10"), 24, RouteScope.Universe, false, false), addresses);
        Assert.Contains(new InterfaceAddress(v0, "v0", IPAddress.Parse("100.64.1.11"), 24, RouteScope.Universe, false, true), addresses);
        Assert.Contains(new InterfaceAddress(v2, "v2", IPAddress.Parse("203.0.113.5"), 24, RouteScope.Universe, true, false), addresses);
        Assert.Contains(addresses, address => address.InterfaceName == "lo" && address.Scope == RouteScope.Host);
    }

    [Theory]
    [InlineData(101u)]
    [InlineData(1000u)]
    public void Route_AddReplaceDelete_ReadsBackEqual(uint table)
    {
        var subnet = new Route(table, IPNetwork.Parse("100.64.2.0/24"), "v0", Scope: RouteScope.Link);
        var viaGateway = new Route(table, IPNetworkExtensions.DefaultIPv4, "v0", GatewayOnV0,
            PreferredSource: IPAddress.Parse("100.64.1.10"), Metric: 50);

        _client.AddRoute(subnet);
        _client.AddRoute(viaGateway);
        Assert.Equal([viaGateway, subnet], RoutesIn(table).OrderBy(route => route.Destination.PrefixLength));

        Route moved = viaGateway with { Device = "v2", Gateway = GatewayOnV2, PreferredSource = IPAddress.Parse("198.51.100.10") };
        _client.ReplaceRoute(moved);
        Assert.Equal([moved, subnet], RoutesIn(table).OrderBy(route => route.Destination.PrefixLength));
        Assert.Contains("via 198.51.100.1 dev v2", _lab.Ip("route", "show", "table", table.ToString(System.Globalization.CultureInfo.InvariantCulture)), StringComparison.Ordinal);

        _client.DeleteRoute(moved);
        _client.DeleteRoute(subnet);
        Assert.Empty(RoutesIn(table));
    }

    [Fact]
    public void Route_OnLinkGatewayOutsideEveryPrefix_ReadsBackEqual()
    {
        var route = new Route(1000, IPNetworkExtensions.DefaultIPv4, "v0", IPAddress.Parse("192.0.2.1"), OnLink: true);

        _client.AddRoute(route);

        Assert.Equal([route], RoutesIn(1000));
    }

    [Fact]
    public void Route_WrittenByIproute2_DecodesAsTheModelSaysIt()
    {
        _lab.Ip("route", "add", "203.0.113.128/25", "via", "198.51.100.1", "dev", "v2", "table", "1000", "proto", "200", "metric", "10");

        Assert.Equal(
            [new Route(1000, IPNetwork.Parse("203.0.113.128/25"), "v2", GatewayOnV2, Metric: 10)],
            RoutesIn(1000));
    }

    [Fact]
    public void ListRoutes_IncludesTheKernelsLocalAndConnectedRoutes()
    {
        IReadOnlyList<Route> routes = _client.ListRoutes(AddressFamily.InterNetwork);

        Assert.Contains(new Route(RoutingTables.Main, IPNetwork.Parse("100.64.1.0/24"), "v0", null,
            IPAddress.Parse("100.64.1.10"), RouteScope.Link, RouteProtocols.Kernel), routes);
        Assert.Contains(new Route(RoutingTables.Local, IPNetwork.Parse("100.64.1.10/32"), "v0", null,
            IPAddress.Parse("100.64.1.10"), RouteScope.Host, RouteProtocols.Kernel, Type: RouteType.Local), routes);
    }

    [Fact]
    public void DuplicateRouteAdd_ThrowsEexistWithIproute2Message()
    {
        var route = new Route(101, IPNetwork.Parse("100.64.2.0/24"), "v0");
        _client.AddRoute(route);

        var error = Assert.Throws<NetlinkException>(() => _client.AddRoute(route));

        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.Equal("EEXIST", error.ErrorName);
        Assert.Equal("route add", error.Operation);
        Assert.Equal("100.64.2.0/24 dev v0 table 101 proto 200", error.Subject);
        Assert.StartsWith("RTNETLINK answers: File exists (route add 100.64.2.0/24 dev v0 table 101 proto 200)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RouteViaUnreachableGateway_CarriesTheKernelsExtendedAck()
    {
        var route = new Route(101, IPNetwork.Parse("100.64.9.0/24"), "v0", IPAddress.Parse("192.0.2.1"));

        var error = Assert.Throws<NetlinkException>(() => _client.AddRoute(route));

        Assert.Equal(Errno.ENETUNREACH, error.Errno);
        Assert.Equal("Nexthop has invalid gateway", error.ExtendedAck);
        Assert.EndsWith(" — Nexthop has invalid gateway", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeletingWhatIsNotThere_ThrowsTheKernelsErrno()
    {
        var route = new Route(101, IPNetwork.Parse("100.64.2.0/24"), "v0");
        var rule = new PolicyRule(1234, IPNetwork.Parse("100.64.1.10/32"), 101);

        Assert.Equal(Errno.ESRCH, Assert.Throws<NetlinkException>(() => _client.DeleteRoute(route)).Errno);
        Assert.Equal(Errno.ENOENT, Assert.Throws<NetlinkException>(() => _client.DeleteRule(rule)).Errno);
    }

    [Fact]
    public void UnknownDevice_ThrowsEnodevBeforeAskingTheKernel()
    {
        var route = new Route(101, IPNetwork.Parse("100.64.2.0/24"), "ens99");

        var error = Assert.Throws<NetlinkException>(() => _client.AddRoute(route));

        Assert.Equal(Errno.ENODEV, error.Errno);
        Assert.Contains("Cannot find device \"ens99\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_WithProtocolAndSuppressPrefixLength_AddListDelete()
    {
        var fromSource = new PolicyRule(100, IPNetwork.Parse("100.64.1.10/32"), 1000);
        var suppress = new PolicyRule(90, null, RoutingTables.Main, SuppressPrefixLength: 0);
        IReadOnlyList<PolicyRule> before = _client.ListRules(AddressFamily.InterNetwork);

        _client.AddRule(fromSource);
        _client.AddRule(suppress);

        IReadOnlyList<PolicyRule> after = _client.ListRules(AddressFamily.InterNetwork);
        Assert.Contains(fromSource, after);
        Assert.Contains(suppress, after);
        Assert.Contains("from 100.64.1.10 lookup 1000 proto 200", _lab.Ip("rule", "show"), StringComparison.Ordinal);
        var duplicate = Assert.Throws<NetlinkException>(() => _client.AddRule(fromSource));
        Assert.Equal(Errno.EEXIST, duplicate.Errno);
        Assert.Equal("rule add", duplicate.Operation);

        _client.DeleteRule(fromSource);
        _client.DeleteRule(suppress);
        Assert.Equal(before, _client.ListRules(AddressFamily.InterNetwork));
    }

    [Fact]
    public void DeleteRule_MatchesProtocol_LeavingAnotherOwnersRuleAlone()
    {
        _lab.Ip("rule", "add", "pref", "100", "from", "100.64.1.10", "lookup", "1000", "proto", "static");
        var ours = new PolicyRule(100, IPNetwork.Parse("100.64.1.10/32"), 1000);

        Assert.Throws<NetlinkException>(() => _client.DeleteRule(ours));
        Assert.Contains(ours with { Protocol = RouteProtocols.Static }, _client.ListRules(AddressFamily.InterNetwork));
    }

    [Fact]
    public void GetRoute_WithSource_SelectsThePolicyTable()
    {
        _lab.Ip("route", "add", "default", "via", "100.64.1.1", "dev", "v0");
        _client.AddRoute(new Route(1000, IPNetworkExtensions.DefaultIPv4, "v2", GatewayOnV2));
        _client.AddRule(new PolicyRule(100, IPNetwork.Parse("198.51.100.10/32"), 1000));
        IPAddress destination = IPAddress.Parse("192.0.2.77");

        RouteLookup policy = _client.GetRoute(destination, IPAddress.Parse("198.51.100.10"));
        RouteLookup main = _client.GetRoute(destination, source: null);

        Assert.Equal(new RouteLookup(destination, IPAddress.Parse("198.51.100.10"), "v2", GatewayOnV2, 1000, RouteType.Unicast), policy);
        Assert.Equal(new RouteLookup(destination, IPAddress.Parse("100.64.1.10"), "v0", GatewayOnV0, RoutingTables.Main, RouteType.Unicast), main);
    }

    [Fact]
    public void GetRoute_WithNoRoute_ThrowsNetworkUnreachable()
    {
        var error = Assert.Throws<NetlinkException>(() => _client.GetRoute(IPAddress.Parse("192.0.2.77"), null));

        Assert.Equal(Errno.ENETUNREACH, error.Errno);
        Assert.Equal("route get", error.Operation);
    }

    [Fact]
    public void LinkAddedAfterOpen_IsResolvedByRefreshingTheCache()
    {
        _client.ListLinks();
        _lab.Ip("link", "add", "v4", "type", "veth", "peer", "name", "v5");
        _lab.Ip("link", "set", "v4", "up");
        var route = new Route(101, IPNetwork.Parse("100.64.4.0/24"), "v4");

        _client.AddRoute(route);

        Assert.Equal([route], RoutesIn(101));
    }

    [Fact]
    public void IPv6_AddressesRoutesAndRules_AreReadAndWrittenInTheirOwnFamily()
    {
        _lab.Ip("-6", "addr", "add", "2001:db8:1::10/64", "dev", "v0", "nodad");
        _lab.Ip("-6", "addr", "add", "2001:db8:1::99/64", "dev", "v0", "nodad", "valid_lft", "300", "preferred_lft", "300");
        var prefixRoute = new Route(101, IPNetwork.Parse("2001:db8:1::/64"), "v0", PreferredSource: IPAddress.Parse("2001:db8:1::10"), Metric: 1024);
        var router = new Route(101, IPNetworkExtensions.DefaultIPv6, "v0", IPAddress.Parse("fe80::1"), Metric: 1024);
        var fromPrefix = new PolicyRule(100, IPNetwork.Parse("2001:db8:1::/64"), 101, Family: AddressFamily.InterNetworkV6);
        var suppress = new PolicyRule(90, null, RoutingTables.Main, SuppressPrefixLength: 0, Family: AddressFamily.InterNetworkV6);
        var ipv4Rules = _client.ListRules(AddressFamily.InterNetwork);

        _client.AddRoute(prefixRoute);
        _client.AddRoute(router);
        _client.AddRule(fromPrefix);
        _client.AddRule(suppress);

        var addresses = _client.ListAddresses(AddressFamily.InterNetworkV6).Where(address => address.Scope == RouteScope.Universe).ToList();
        Assert.Equal(["2001:db8:1::10/64 permanent", "2001:db8:1::99/64 dynamic"],
            addresses.Select(address => $"{address.Address}/{address.PrefixLength} {(address.IsDynamic ? "dynamic" : "permanent")}").Order());
        Assert.Equal([prefixRoute, router], _client.ListRoutes(AddressFamily.InterNetworkV6).Where(route => route.Table == 101).OrderBy(route => route.IsDefault));
        Assert.Contains(fromPrefix, _client.ListRules(AddressFamily.InterNetworkV6));
        Assert.Contains(suppress, _client.ListRules(AddressFamily.InterNetworkV6));
        Assert.Equal(ipv4Rules, _client.ListRules(AddressFamily.InterNetwork));
        Assert.Contains("from 2001:db8:1::/64 lookup 101 proto 200", _lab.Ip("-6", "rule", "show"), StringComparison.Ordinal);
        var lookup = _client.GetRoute(IPAddress.Parse("2001:db8:ffff::1"), IPAddress.Parse("2001:db8:1::99"));
        Assert.Equal(("v0", IPAddress.Parse("fe80::1"), 101u), (lookup.Device, lookup.Gateway, lookup.Table));

        _client.DeleteRule(fromPrefix);
        _client.DeleteRule(suppress);
        _client.DeleteRoute(router);
        Assert.DoesNotContain(_client.ListRules(AddressFamily.InterNetworkV6), rule => rule.Protocol == RouteProtocols.BootRoute);
        Assert.Equal([prefixRoute], _client.ListRoutes(AddressFamily.InterNetworkV6).Where(route => route.Table == 101));
    }

    [Fact]
    public void Open_MissingNamespace_ThrowsEnoent()
    {
        var error = Assert.Throws<NetlinkException>(() => RtnetlinkClient.Open("/var/run/netns/brnl-does-not-exist"));

        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal("open", error.Operation);
    }

    private Route[] RoutesIn(uint table) => [.. _client.ListRoutes(AddressFamily.InterNetwork).Where(route => route.Table == table)];
}
