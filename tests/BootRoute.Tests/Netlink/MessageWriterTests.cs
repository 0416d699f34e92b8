using System.Net;
using BootRoute.Model;
using BootRoute.Netlink.Messages;
using BootRoute.Planning;
using Xunit;

namespace BootRoute.Tests.Netlink;

/// <summary>
/// Requests compared byte for byte with what iproute2 sends, captured inside a throwaway namespace with
/// <c>ip netns exec brnl-… strace -qq -e trace=sendmsg -e write=3,4 -xx ip …</c> (v0 had ifindex 3,
/// sequence 0x6b040274). Where BootRoute deliberately differs from iproute2 the test says how.
/// </summary>
public class MessageWriterTests
{
    private const uint Sequence = 0x6b040274;
    private const ushort AddFlags = NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK
        | NetlinkConstants.NLM_F_EXCL | NetlinkConstants.NLM_F_CREATE;

    [Fact]
    public void RouteAdd_Table101_IsIproute2BytesPlusRtaTable()
    {
        // ip route add 100.64.2.0/24 dev v0 table 101 proto 200 scope link
        // iproute2 sends the table only in rtm_table (0x65) when it is < 256; BootRoute always adds
        // RTA_TABLE (08 00 0f 00 65 00 00 00) too, so the length grows from 0x2c to 0x34.
        const string expected = """
            34 00 00 00 18 00 05 06 74 02 04 6b 00 00 00 00
            02 18 00 00 65 c8 fd 01 00 00 00 00
            08 00 01 00 64 40 02 00
            08 00 0f 00 65 00 00 00
            08 00 04 00 03 00 00 00
            """;
        var route = new Route(101, IPNetwork.Parse("100.64.2.0/24"), "v0", Scope: RouteScope.Link);

        Assert.Equal(Hex.Normalize(expected), Encode(route, NetlinkConstants.RTM_NEWROUTE, AddFlags, 3));
    }

    [Fact]
    public void RouteAdd_Table1000_MatchesIproute2Exactly()
    {
        // ip route add default via 100.64.1.1 dev v0 table 1000 proto 200:
        // rtm_table is RT_TABLE_UNSPEC and the id lives only in RTA_TABLE (e8 03 00 00).
        const string expected = """
            34 00 00 00 18 00 05 06 74 02 04 6b 00 00 00 00
            02 00 00 00 00 c8 00 01 00 00 00 00
            08 00 05 00 64 40 01 01
            08 00 0f 00 e8 03 00 00
            08 00 04 00 03 00 00 00
            """;
        var route = new Route(1000, IPNetworkExtensions.DefaultIPv4, "v0", IPAddress.Parse("100.64.1.1"));

        Assert.Equal(Hex.Normalize(expected), Encode(route, NetlinkConstants.RTM_NEWROUTE, AddFlags, 3));
    }

    [Fact]
    public void RouteAdd_WithMetricSourceAndOnLink_AddsThoseAttributesAndFlag()
    {
        var route = new Route(1000, IPNetworkExtensions.DefaultIPv4, "v0", IPAddress.Parse("198.51.100.1"),
            PreferredSource: IPAddress.Parse("100.64.1.10"), Metric: 50, OnLink: true);
        const string expected = """
            44 00 00 00 18 00 05 06 74 02 04 6b 00 00 00 00
            02 00 00 00 00 c8 00 01 04 00 00 00
            08 00 05 00 c6 33 64 01
            08 00 07 00 64 40 01 0a
            08 00 0f 00 e8 03 00 00
            08 00 04 00 03 00 00 00
            08 00 06 00 32 00 00 00
            """;

        Assert.Equal(Hex.Normalize(expected), Encode(route, NetlinkConstants.RTM_NEWROUTE, AddFlags, 3));
    }

    [Fact]
    public void RuleAdd_SuppressPrefixLengthZero()
    {
        // ip rule add pref 100 from all lookup main suppress_prefixlength 0 proto 200
        // iproute2 sends an empty FRA_SRC (04 00 02 00) for "from all" and the table only in the header;
        // BootRoute sends no FRA_SRC, always FRA_TABLE, and FRA_PROTOCOL (05 00 15 00 c8).
        const string expected = """
            3c 00 00 00 20 00 05 06 74 02 04 6b 00 00 00 00
            02 00 00 00 fe 00 00 01 00 00 00 00
            08 00 06 00 64 00 00 00
            08 00 0f 00 fe 00 00 00
            08 00 0e 00 00 00 00 00
            05 00 15 00 c8 00 00 00
            """;
        var rule = new PolicyRule(100, Source: null, RoutingTables.Main, SuppressPrefixLength: 0);

        Assert.Equal(Hex.Normalize(expected), EncodeRule(rule, NetlinkConstants.RTM_NEWRULE, AddFlags));
    }

    [Fact]
    public void RuleAdd_WithProtocolAndLargeTable_MatchesIproute2Exactly()
    {
        // ip rule add pref 101 from 100.64.1.10 lookup 1000 proto 200
        const string expected = """
            3c 00 00 00 20 00 05 06 74 02 04 6b 00 00 00 00
            02 00 20 00 00 00 00 01 00 00 00 00
            08 00 06 00 65 00 00 00
            08 00 02 00 64 40 01 0a
            08 00 0f 00 e8 03 00 00
            05 00 15 00 c8 00 00 00
            """;
        var rule = new PolicyRule(101, IPNetwork.Parse("100.64.1.10/32"), 1000);

        Assert.Equal(Hex.Normalize(expected), EncodeRule(rule, NetlinkConstants.RTM_NEWRULE, AddFlags));
    }

    [Fact]
    public void RuleDelete_InvertedWithMarkAndInterfaces()
    {
        var rule = new PolicyRule(7, null, 7, RouteProtocols.Unspecified, FirewallMark: 5, FirewallMask: 0xff,
            InputInterface: "v0", OutputInterface: "v1", Invert: true);
        const string expected = """
            4c 00 00 00 21 00 05 00 74 02 04 6b 00 00 00 00
            02 00 00 00 07 00 00 01 02 00 00 00
            08 00 06 00 07 00 00 00
            08 00 0a 00 05 00 00 00
            08 00 10 00 ff 00 00 00
            07 00 03 00 76 30 00 00
            07 00 11 00 76 31 00 00
            08 00 0f 00 07 00 00 00
            """;

        Assert.Equal(Hex.Normalize(expected), EncodeRule(rule, NetlinkConstants.RTM_DELRULE, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK));
    }

    [Fact]
    public void GetRoute_WithSource_MatchesIproute2PlusAck()
    {
        // ip route get 198.51.100.7 from 100.64.1.10 (iproute2 flags 0x0001; BootRoute asks for the ack too)
        const string expected = """
            2c 00 00 00 1a 00 05 00 74 02 04 6b 00 00 00 00
            02 20 20 00 00 00 00 00 00 10 00 00
            08 00 01 00 c6 33 64 07
            08 00 02 00 64 40 01 0a
            """;
        Span<byte> buffer = stackalloc byte[512];

        string actual = Hex.Format(MessageWriter.Lookup(buffer, Sequence, IPAddress.Parse("198.51.100.7"), IPAddress.Parse("100.64.1.10")));

        Assert.Equal(Hex.Normalize(expected), actual);
    }

    [Theory]
    [InlineData(NetlinkConstants.RTM_GETLINK, NetlinkConstants.AF_INET, "20000000120001037402046b00000000 00000000000000000000000000000000")]
    [InlineData(NetlinkConstants.RTM_GETADDR, NetlinkConstants.AF_INET, "18000000160001037402046b00000000 0200000000000000")]
    [InlineData(NetlinkConstants.RTM_GETROUTE, NetlinkConstants.AF_INET, "1c0000001a0001037402046b00000000 020000000000000000000000")]
    [InlineData(NetlinkConstants.RTM_GETRULE, NetlinkConstants.AF_INET, "1c000000220001037402046b00000000 020000000000000000000000")]
    [InlineData(NetlinkConstants.RTM_GETADDR, NetlinkConstants.AF_INET6, "18000000160001037402046b00000000 0a00000000000000")]
    [InlineData(NetlinkConstants.RTM_GETROUTE, NetlinkConstants.AF_INET6, "1c0000001a0001037402046b00000000 0a0000000000000000000000")]
    [InlineData(NetlinkConstants.RTM_GETRULE, NetlinkConstants.AF_INET6, "1c000000220001037402046b00000000 0a0000000000000000000000")]
    public void DumpRequests(ushort type, byte family, string expected)
    {
        Span<byte> buffer = stackalloc byte[512];

        Assert.Equal(Hex.Normalize(expected), Hex.Format(MessageWriter.Dump(buffer, type, Sequence, family)));
    }

    [Fact]
    public void IPv6RouteWithAnIPv4Gateway_IsRejected()
    {
        var route = new Route(101, IPNetwork.Parse("2001:db8::/64"), "v0", IPAddress.Parse("192.0.2.1"));

        Assert.Throws<ArgumentException>(() => Encode(route, NetlinkConstants.RTM_NEWROUTE, AddFlags, 3));
    }

    [Fact]
    public void IPv6Route_IsSentAsAnAfInet6RtmsgWithSixteenByteAddresses()
    {
        var route = new Route(101, IPNetworkExtensions.DefaultIPv6, "v0", IPAddress.Parse("fe80::1"), Metric: 1024);

        string encoded = Encode(route, NetlinkConstants.RTM_NEWROUTE, AddFlags, 3);

        // rtmsg family 10, dst_len 0; RTA_GATEWAY is 4 + 16 bytes long.
        Assert.StartsWith("0a00", encoded.Replace(" ", "", StringComparison.Ordinal)[32..], StringComparison.Ordinal);
        Assert.Contains("14000500fe800000000000000000000000000001", encoded.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    internal static string Encode(Route route, ushort type, ushort flags, int index)
    {
        Span<byte> buffer = stackalloc byte[512];
        return Hex.Format(MessageWriter.Route(buffer, type, flags, Sequence, route, index));
    }

    internal static string EncodeRule(PolicyRule rule, ushort type, ushort flags)
    {
        Span<byte> buffer = stackalloc byte[512];
        return Hex.Format(MessageWriter.Rule(buffer, type, flags, Sequence, rule));
    }
}
