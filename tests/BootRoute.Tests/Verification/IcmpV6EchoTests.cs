using System.Net;
using BootRoute.Verification;
using Xunit;

namespace BootRoute.Tests.Verification;

public class IcmpV6EchoTests
{
    private static readonly IPAddress Source = IPAddress.Parse("2001:db8:1::10");
    // The router as the prober addresses it: link-local, scoped to the NIC (ifindex 2).
    private static readonly IPAddress Router = new(IPAddress.Parse("fe80::1").GetAddressBytes(), 2);

    [Fact]
    public void Request_has_type_128_identifier_sequence_and_leaves_the_checksum_to_the_kernel()
    {
        Assert.Equal(new byte[] { 128, 0, 0, 0, 0x12, 0x34, 0x00, 0x07, (byte)'a', (byte)'b' }, IcmpV6Echo.Request(0x1234, 7, "ab"u8));
    }

    [Theory]
    [InlineData("fe80::1", "2001:db8:1::10", 0x1234, 7, 129, true)]
    // The reply's own scope (the ifindex it came in by) is judged apart, by the prober.
    [InlineData("fe80::1%3", "2001:db8:1::10", 0x1234, 7, 129, true)]
    [InlineData("fe80::1", "2001:db8:1::10", 0x1235, 7, 129, false)]
    [InlineData("fe80::1", "2001:db8:1::10", 0x1234, 8, 129, false)]
    [InlineData("fe80::2", "2001:db8:1::10", 0x1234, 7, 129, false)]
    [InlineData("fe80::1", "2001:db8:1::11", 0x1234, 7, 129, false)]
    [InlineData("fe80::1", "2001:db8:1::10", 0x1234, 7, 128, false)]
    [InlineData("fe80::1", "2001:db8:1::10", 0x1234, 7, 0, false)]
    public void A_reply_matches_only_its_own_probe(string from, string to, int identifier, int sequence, byte type, bool matches)
    {
        var reply = IcmpV6Echo.Request((ushort)identifier, (ushort)sequence, "x"u8);
        reply[0] = type;

        Assert.Equal(matches, IcmpV6Echo.IsReplyTo(reply, IPAddress.Parse(from), IPAddress.Parse(to), Router, Source, (0x1234, 7)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void A_truncated_reply_is_not_an_answer(int length)
    {
        var reply = IcmpV6Echo.Request(0x1234, 7, "x"u8);
        reply[0] = IcmpV6Echo.EchoReply;

        Assert.False(IcmpV6Echo.IsReplyTo(reply.AsSpan(0, length), IPAddress.Parse("fe80::1"), Source, Router, Source, (0x1234, 7)));
    }

    /// <summary>An ICMPv6 error quoting our request <see cref="Source"/> → <paramref name="target"/>: IPv6 header, then the echo.</summary>
    private static byte[] Error(byte type, byte code, string target, ushort identifier, byte nextHeader = 58)
    {
        var echo = IcmpV6Echo.Request(identifier, 7, "x"u8);
        var message = new byte[8 + 40 + echo.Length];
        message[0] = type;
        message[1] = code;
        message[8] = 0x60;
        message[8 + 6] = nextHeader;
        Source.GetAddressBytes().CopyTo(message, 8 + 8);
        IPAddress.Parse(target).GetAddressBytes().CopyTo(message, 8 + 24);
        echo.CopyTo(message, 8 + 40);
        return message;
    }

    [Theory]
    [InlineData(1, 3, "address unreachable, reported by 2001:db8:1::1")]
    [InlineData(1, 0, "no route to destination, reported by 2001:db8:1::1")]
    [InlineData(1, 1, "communication administratively prohibited, reported by 2001:db8:1::1")]
    [InlineData(1, 5, "source address failed policy, reported by 2001:db8:1::1")]
    [InlineData(3, 0, "time exceeded, reported by 2001:db8:1::1")]
    public void An_icmpv6_error_about_our_request_says_who_reported_what(byte type, byte code, string expected)
    {
        var reporter = new IPAddress(IPAddress.Parse("2001:db8:1::1").GetAddressBytes());

        Assert.Equal(expected, IcmpV6Echo.ErrorAbout(Error(type, code, "2001:db8:ffff::10", 0x1234), reporter,
            IPAddress.Parse("2001:db8:ffff::10"), Source, (0x1234, 7)));
    }

    [Fact]
    public void An_icmpv6_error_about_anything_else_is_ignored()
    {
        var target = IPAddress.Parse("2001:db8:ffff::10");
        var reporter = IPAddress.Parse("fe80::1");

        Assert.Null(IcmpV6Echo.ErrorAbout(Error(1, 3, "2001:db8:ffff::10", 0x9999), reporter, target, Source, (0x1234, 7)));
        Assert.Null(IcmpV6Echo.ErrorAbout(Error(1, 3, "2001:db8:ffff::11", 0x1234), reporter, target, Source, (0x1234, 7)));
        Assert.Null(IcmpV6Echo.ErrorAbout(Error(1, 3, "2001:db8:ffff::10", 0x1234, nextHeader: 6), reporter, target, Source, (0x1234, 7)));
        Assert.Null(IcmpV6Echo.ErrorAbout(Error(2, 0, "2001:db8:ffff::10", 0x1234), reporter, target, Source, (0x1234, 7)));
        Assert.Null(IcmpV6Echo.ErrorAbout(Error(1, 3, "2001:db8:ffff::10", 0x1234).AsSpan(0, 50), reporter, target, Source, (0x1234, 7)));
    }
}
