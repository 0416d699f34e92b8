using System.Net;
using System.Net.Sockets;
using BootRoute.Model;
using BootRoute.Native;
using BootRoute.Netlink.Messages;
using Xunit;

namespace BootRoute.Tests.Netlink;

/// <summary>
/// Replies captured from a 6.18 kernel with <c>strace -qq -e trace=recvmsg -e read=3 -xx ip …</c> in a
/// throwaway namespace, and round trips through the writer.
/// </summary>
public class MessageReaderTests
{
    // ip rule show, after: ip rule add pref 100 from all lookup main suppress_prefixlength 0;
    //                      ip rule add pref 101 fwmark 5 lookup 7
    internal const string RuleDump = """
        34 00 00 00 20 00 02 00 fa 02 04 6b 32 18 00 00 02 00 00 00 ff 00 00 01 00 00 00 00 08 00 0f 00
        ff 00 00 00 08 00 0e 00 ff ff ff ff 05 00 15 00 02 00 00 00 3c 00 00 00 20 00 02 00 fa 02 04 6b
        32 18 00 00 02 00 00 00 fe 00 00 01 00 00 00 00 08 00 0f 00 fe 00 00 00 08 00 0e 00 00 00 00 00
        05 00 15 00 00 00 00 00 08 00 06 00 64 00 00 00 4c 00 00 00 20 00 02 00 fa 02 04 6b 32 18 00 00
        02 00 00 00 07 00 00 01 00 00 00 00 08 00 0f 00 07 00 00 00 08 00 0e 00 ff ff ff ff 05 00 15 00
        00 00 00 00 08 00 06 00 65 00 00 00 08 00 0a 00 05 00 00 00 08 00 10 00 ff ff ff ff 3c 00 00 00
        20 00 02 00 fa 02 04 6b 32 18 00 00 02 00 00 00 fe 00 00 01 00 00 00 00 08 00 0f 00 fe 00 00 00
        08 00 0e 00 ff ff ff ff 05 00 15 00 02 00 00 00 08 00 06 00 fe 7f 00 00 3c 00 00 00 20 00 02 00
        fa 02 04 6b 32 18 00 00 02 00 00 00 fd 00 00 01 00 00 00 00 08 00 0f 00 fd 00 00 00 08 00 0e 00
        ff ff ff ff 05 00 15 00 02 00 00 00 08 00 06 00 ff 7f 00 00 14 00 00 00 03 00 02 00 fa 02 04 6b
        32 18 00 00 00 00 00 00
        """;

    // ip route show table 1000, after: ip route add default via 100.64.1.1 dev v0 table 1000 proto 200 metric 50
    // (rtm_table is 0xfc, RT_TABLE_COMPAT: the real id is only in RTA_TABLE)
    internal const string RouteDump = """
        3c 00 00 00 18 00 22 00 0f 04 04 6b 2c 38 00 00 02 00 00 00 fc c8 00 01 00 00 00 00 08 00 0f 00
        e8 03 00 00 08 00 06 00 32 00 00 00 08 00 05 00 64 40 01 01 08 00 04 00 03 00 00 00
        """;

    // ip route add 100.64.9.0/24 via 198.51.100.1 dev v0: -ENETUNREACH, request echoed (no CAP_ACK),
    // then NLMSGERR_ATTR_MSG.
    internal const string ErrorWithExtendedAck = """
        68 00 00 00 02 00 00 02 0f 04 04 6b 27 38 00 00 9b ff ff ff 34 00 00 00 18 00 05 06 0f 04 04 6b
        00 00 00 00 02 18 00 00 fe 03 00 01 00 00 00 00 08 00 01 00 64 40 09 00 08 00 05 00 c6 33 64 01
        08 00 04 00 03 00 00 00 20 00 01 00 4e 65 78 74 68 6f 70 20 68 61 73 20 69 6e 76 61 6c 69 64 20
        67 61 74 65 77 61 79 00
        """;

    [Fact]
    public void RuleDump_DecodesEveryRuleNormalised()
    {
        var (messages, done) = ReadAll(RuleDump);

        PolicyRule[] rules = [.. messages.Select(m => MessageReader.ReadRule(m.Payload)!)];

        Assert.True(done);
        Assert.Equal<PolicyRule>(
            [
                new PolicyRule(0, null, RoutingTables.Local, RouteProtocols.Kernel),
                new PolicyRule(100, null, RoutingTables.Main, RouteProtocols.Unspecified, SuppressPrefixLength: 0),
                new PolicyRule(101, null, 7, RouteProtocols.Unspecified, FirewallMark: 5),
                new PolicyRule(32766, null, RoutingTables.Main, RouteProtocols.Kernel),
                new PolicyRule(32767, null, RoutingTables.Default, RouteProtocols.Kernel),
            ],
            rules);
    }

    [Fact]
    public void RouteDump_TakesTableFromRtaTableAndResolvesDevice()
    {
        var (messages, _) = ReadAll(RouteDump);

        Route? route = MessageReader.ReadRoute(messages[0].Payload, index => index == 3 ? "v0" : null);

        Assert.Equal(new Route(1000, IPNetworkExtensions.DefaultIPv4, "v0", IPAddress.Parse("100.64.1.1"), Metric: 50), route);
    }

    [Fact]
    public void Error_CarriesErrnoAndExtendedAck()
    {
        var (messages, _) = ReadAll(ErrorWithExtendedAck);

        NetlinkError error = MessageReader.ReadError(messages[0].Header, messages[0].Payload);

        Assert.Equal(new NetlinkError(101, "Nexthop has invalid gateway"), error);
    }

    [Fact]
    public void Error_CappedByNetlinkCapAck_FindsAttributesAfterTheHeaderOnly()
    {
        // Same error as the kernel sends it with NETLINK_CAP_ACK: only the request's nlmsghdr is echoed.
        const string capped = """
            44 00 00 00 02 00 00 03 0f 04 04 6b 27 38 00 00 9b ff ff ff 34 00 00 00 18 00 05 06 0f 04 04 6b
            00 00 00 00 20 00 01 00 4e 65 78 74 68 6f 70 20 68 61 73 20 69 6e 76 61 6c 69 64 20 67 61 74 65
            77 61 79 00
            """;
        var (messages, _) = ReadAll(capped);

        NetlinkError error = MessageReader.ReadError(messages[0].Header, messages[0].Payload);

        Assert.Equal(new NetlinkError(101, "Nexthop has invalid gateway"), error);
    }

    [Fact]
    public void Ack_IsErrnoZero()
    {
        var (messages, _) = ReadAll("24 00 00 00 02 00 00 01 01 00 00 00 00 00 00 00 00 00 00 00 34 00 00 00 18 00 05 06 01 00 00 00 00 00 00 00");

        Assert.True(MessageReader.ReadError(messages[0].Header, messages[0].Payload).IsAck);
    }

    public static TheoryData<Route> WrittenRoutes() =>
    [
        new Route(101, IPNetwork.Parse("100.64.2.0/24"), "v0", Scope: RouteScope.Link),
        new Route(1000, IPNetworkExtensions.DefaultIPv4, "v0", IPAddress.Parse("100.64.1.1")),
        new Route(1000, IPNetworkExtensions.DefaultIPv4, "v0", IPAddress.Parse("198.51.100.1"),
            IPAddress.Parse("100.64.1.10"), Metric: 50, OnLink: true),
        new Route(RoutingTables.Main, IPNetwork.Parse("203.0.113.0/24"), null, Type: RouteType.Blackhole),
        new Route(101, IPNetwork.Parse("2001:db8:1::/64"), "v0", PreferredSource: IPAddress.Parse("2001:db8:1::10"), Metric: 1024),
        new Route(101, IPNetworkExtensions.DefaultIPv6, "v0", IPAddress.Parse("fe80::1"), Metric: 1024),
    ];

    [Theory]
    [MemberData(nameof(WrittenRoutes))]
    public void Route_RoundTripsThroughTheWire(Route route)
    {
        byte[] message = Hex.Parse(MessageWriterTests.Encode(route, NetlinkConstants.RTM_NEWROUTE, 0, route.Device is null ? 0 : 3));

        Route? decoded = MessageReader.ReadRoute(message.AsSpan(NetlinkHeader.Size), index => index == 3 ? "v0" : null);

        Assert.Equal(route, decoded);
    }

    public static TheoryData<PolicyRule> WrittenRules() =>
    [
        new PolicyRule(100, IPNetwork.Parse("100.64.1.10/32"), 101),
        new PolicyRule(90, null, RoutingTables.Main, SuppressPrefixLength: 0),
        new PolicyRule(7, IPNetwork.Parse("198.51.100.0/24"), 1000, Destination: IPNetwork.Parse("203.0.113.0/24"),
            InputInterface: "v0", OutputInterface: "v1", FirewallMark: 5, FirewallMask: 0xff, Invert: true),
        new PolicyRule(8, null, 0, Action: RuleAction.Blackhole),
        new PolicyRule(100, IPNetwork.Parse("2001:db8:1::/64"), 101, Family: AddressFamily.InterNetworkV6),
        new PolicyRule(90, null, RoutingTables.Main, SuppressPrefixLength: 0, Family: AddressFamily.InterNetworkV6),
    ];

    [Theory]
    [MemberData(nameof(WrittenRules))]
    public void Rule_RoundTripsThroughTheWire(PolicyRule rule)
    {
        byte[] message = Hex.Parse(MessageWriterTests.EncodeRule(rule, NetlinkConstants.RTM_NEWRULE, 0));

        Assert.Equal(rule, MessageReader.ReadRule(message.AsSpan(NetlinkHeader.Size)));
    }

    /// <summary>
    /// What the model does not hold marks the route or rule, so a hand-made "table 102 default via …
    /// mtu 1400" (or a rule with "tos 0x10") is never taken for BootRoute's own and replaced without it.
    /// </summary>
    [Theory]
    [InlineData("", false)]
    [InlineData("0c 00 08 00 08 00 02 00 78 05 00 00", true)] // RTA_METRICS { RTAX_MTU 1400 }
    [InlineData("04 00 08 00", false)] // an empty RTA_METRICS nest: the kernel sends none, but it says nothing
    [InlineData("08 00 0b 00 01 00 00 00", true)] // RTA_FLOW (realm)
    [InlineData("08 00 1e 00 07 00 00 00", true)] // RTA_NH_ID
    [InlineData("1c 00 09 00 08 00 00 00 03 00 00 00 08 00 00 00 04 00 00 00 08 00 00 00 05 00 00 00", true)] // RTA_MULTIPATH, three nexthops
    [InlineData("0c 00 09 00 08 00 00 00 03 00 00 00", false)] // RTA_MULTIPATH, one nexthop
    public void Route_WithMoreThanTheModelHolds_IsMarked(string extra, bool beyond)
    {
        string route = Hex.Format(Hex.Parse(MessageWriterTests.Encode(
            new Route(102, IPNetworkExtensions.DefaultIPv4, "v0", IPAddress.Parse("100.64.2.1")), NetlinkConstants.RTM_NEWROUTE, 0, 3)).AsSpan(NetlinkHeader.Size));
        byte[] payload = Hex.Parse(route + " " + extra);

        var decoded = MessageReader.ReadRoute(payload, index => index == 3 ? "v0" : null)!;

        Assert.Equal(beyond, decoded.HasAttributesBeyondModel);
        Assert.Equal(IPAddress.Parse("100.64.2.1"), decoded.Gateway);
    }

    [Fact]
    public void RouteAndRule_WithATos_AreMarked()
    {
        byte[] route = Hex.Parse(MessageWriterTests.Encode(
            new Route(102, IPNetworkExtensions.DefaultIPv4, "v0", IPAddress.Parse("100.64.2.1")), NetlinkConstants.RTM_NEWROUTE, 0, 3))[NetlinkHeader.Size..];
        byte[] rule = Hex.Parse(MessageWriterTests.EncodeRule(new PolicyRule(102, IPNetwork.Parse("100.64.2.10/32"), 102), NetlinkConstants.RTM_NEWRULE, 0))[NetlinkHeader.Size..];
        route[3] = 0x10;
        rule[3] = 0x10;

        Assert.True(MessageReader.ReadRoute(route, _ => "v0")!.HasAttributesBeyondModel);
        Assert.True(MessageReader.ReadRule(rule)!.HasAttributesBeyondModel);
    }

    [Theory]
    [InlineData("0c 00 14 00 e8 03 00 00 e8 03 00 00")] // FRA_UID_RANGE 1000-1000
    [InlineData("05 00 16 00 06 00 00 00")] // FRA_IP_PROTO tcp
    [InlineData("08 00 18 00 16 00 16 00")] // FRA_DPORT_RANGE 22-22
    [InlineData("05 00 13 00 01 00 00 00")] // FRA_L3MDEV
    public void Rule_WithSelectorsTheModelDoesNotHold_IsMarked(string extra)
    {
        string rule = Hex.Format(Hex.Parse(MessageWriterTests.EncodeRule(new PolicyRule(102, IPNetwork.Parse("100.64.2.10/32"), 102), NetlinkConstants.RTM_NEWRULE, 0)).AsSpan(NetlinkHeader.Size));

        var decoded = MessageReader.ReadRule(Hex.Parse(rule + " " + extra))!;

        Assert.True(decoded.HasAttributesBeyondModel);
        Assert.Equal(102u, decoded.Table);
    }

    /// <summary>Found by the property tests: rtm_dst_len 157 made IPNetwork throw ArgumentOutOfRangeException.</summary>
    [Fact]
    public void RouteWithPrefixOver32_IsReportedAsMalformed()
    {
        byte[] payload = Hex.Parse("02 9d 00 00 fe 00 00 01 00 00 00 00");

        var error = Assert.Throws<BootRoute.Netlink.NetlinkException>(() => MessageReader.ReadRoute(payload, _ => null));
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Found by the property tests: a source length of 147 made IPNetwork throw ArgumentOutOfRangeException.</summary>
    [Fact]
    public void RuleWithPrefixOver32_IsReportedAsMalformed()
    {
        byte[] payload = Hex.Parse("02 00 93 00 fe 00 00 01 00 00 00 00");

        var error = Assert.Throws<BootRoute.Netlink.NetlinkException>(() => MessageReader.ReadRule(payload));
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IPv6RouteWithPrefixOver128_IsReportedAsMalformed()
    {
        byte[] payload = Hex.Parse("0a 81 00 00 fe 00 00 01 00 00 00 00");

        var error = Assert.Throws<BootRoute.Netlink.NetlinkException>(() => MessageReader.ReadRoute(payload, _ => null));
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IPv6RuleWithPrefixOver128_IsReportedAsMalformed()
    {
        byte[] payload = Hex.Parse("0a 00 ff 00 fe 00 00 01 00 00 00 00");

        var error = Assert.Throws<BootRoute.Netlink.NetlinkException>(() => MessageReader.ReadRule(payload));
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddressWithPrefixOverItsFamilysLength_IsReportedAsMalformed()
    {
        byte[] payload = Hex.Parse("02 21 00 00 03 00 00 00 08 00 02 00 64 40 01 0a");

        var error = Assert.Throws<BootRoute.Netlink.NetlinkException>(() => MessageReader.ReadAddress(payload, _ => "v0"));
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IPv6TemporaryAddress_IsReadWithItsFlagsAndNotAsSecondary()
    {
        byte[] payload = Hex.Parse(IPv6TemporaryAddress);

        var address = MessageReader.ReadAddress(payload, _ => "v0");

        Assert.Equal(new InterfaceAddress(3, "v0", IPAddress.Parse("2001:db8:1::abcd"), 64, RouteScope.Universe, IsDynamic: true, IsTemporary: true), address);
    }

    [Fact]
    public void IPv6AddressPastItsPreferredLifetime_IsDeprecated()
    {
        byte[] payload = Hex.Parse(IPv6TemporaryAddress.Replace("08 00 08 00 01 00 00 00", "08 00 08 00 20 00 00 00", StringComparison.Ordinal));

        var address = MessageReader.ReadAddress(payload, _ => "v0")!;

        Assert.True(address.IsDeprecated);
        Assert.False(address.IsTemporary);
    }

    [Fact]
    public void IPv6AddressInDuplicateAddressDetection_IsTentative()
    {
        byte[] payload = Hex.Parse(IPv6TemporaryAddress.Replace("08 00 08 00 01 00 00 00", "08 00 08 00 40 00 00 00", StringComparison.Ordinal));

        Assert.True(MessageReader.ReadAddress(payload, _ => "v0")!.IsTentative);
    }

    /// <summary>ifaddrmsg AF_INET6 /64 scope global on ifindex 3, IFA_ADDRESS 2001:db8:1::abcd, IFA_FLAGS temporary.</summary>
    internal const string IPv6TemporaryAddress = "0a 40 01 00 03 00 00 00 14 00 01 00 20 01 0d b8 00 01 00 00 00 00 00 00 00 00 ab cd 08 00 08 00 01 00 00 00";

    [Fact]
    public void TruncatedMessage_IsReportedAsMalformed()
    {
        byte[] datagram = Hex.Parse("40 00 00 00 18 00 02 00 00 00 00 00 00 00 00 00 02 00");

        var error = Assert.Throws<BootRoute.Netlink.NetlinkException>(() =>
        {
            ReadOnlySpan<byte> span = datagram;
            MessageReader.TryReadMessage(ref span, out _, out _);
        });
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    private static (List<(NetlinkHeader Header, byte[] Payload)> Messages, bool Done) ReadAll(string hex)
    {
        ReadOnlySpan<byte> datagram = Hex.Parse(hex);
        var messages = new List<(NetlinkHeader, byte[])>();
        bool done = false;
        while (MessageReader.TryReadMessage(ref datagram, out NetlinkHeader header, out ReadOnlySpan<byte> payload))
        {
            if (header.Type == NetlinkConstants.NLMSG_DONE)
            {
                done = true;
                continue;
            }
            messages.Add((header, payload.ToArray()));
        }
        return (messages, done);
    }
}
