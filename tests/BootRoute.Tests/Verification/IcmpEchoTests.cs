using System.Net;
using BootRoute.Verification;
using Xunit;

namespace BootRoute.Tests.Verification;

public class IcmpEchoTests
{
    [Fact]
    public void Request_has_type_8_identifier_sequence_and_a_valid_checksum()
    {
        var packet = IcmpEcho.Request(0x1234, 7, "ab"u8);

        Assert.Equal(new byte[] { 8, 0, 0x84, 0x62, 0x12, 0x34, 0x00, 0x07, (byte)'a', (byte)'b' }, packet);
        Assert.Equal(0, IcmpEcho.Checksum(packet));
    }

    [Fact]
    public void Checksum_matches_the_rfc1071_example()
    {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2; the checksum is its complement.
        Assert.Equal(0x220D, IcmpEcho.Checksum([0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]));
    }

    [Theory]
    [InlineData("100.64.1.1", "100.64.1.10", 0x1234, 7, 0, true)]
    [InlineData("100.64.1.1", "100.64.1.10", 0x1235, 7, 0, false)]
    [InlineData("100.64.1.1", "100.64.1.10", 0x1234, 8, 0, false)]
    [InlineData("100.64.2.1", "100.64.1.10", 0x1234, 7, 0, false)]
    [InlineData("100.64.1.1", "100.64.2.10", 0x1234, 7, 0, false)]
    [InlineData("100.64.1.1", "100.64.1.10", 0x1234, 7, 8, false)]
    public void A_reply_matches_only_its_own_probe(string from, string to, int identifier, int sequence, byte type, bool matches)
    {
        var reply = IcmpEcho.Request((ushort)identifier, (ushort)sequence, "x"u8);
        reply[0] = type;
        var datagram = new byte[20 + reply.Length];
        datagram[0] = 0x45;
        datagram[9] = 1;
        IPAddress.Parse(from).GetAddressBytes().CopyTo(datagram, 12);
        IPAddress.Parse(to).GetAddressBytes().CopyTo(datagram, 16);
        reply.CopyTo(datagram, 20);

        Assert.Equal(matches, IcmpEcho.IsReplyTo(datagram, IPAddress.Parse("100.64.1.1"), IPAddress.Parse("100.64.1.10"), 0x1234, 7));
    }

    private static byte[] Datagram(string from, string to, byte[] icmp)
    {
        var datagram = new byte[20 + icmp.Length];
        datagram[0] = 0x45;
        datagram[9] = 1;
        IPAddress.Parse(from).GetAddressBytes().CopyTo(datagram, 12);
        IPAddress.Parse(to).GetAddressBytes().CopyTo(datagram, 16);
        icmp.CopyTo(datagram, 20);
        return datagram;
    }

    /// <summary>An ICMP error from <paramref name="reporter"/> quoting our request 100.64.1.10 → <paramref name="target"/>.</summary>
    private static byte[] Error(string reporter, byte type, byte code, string target, ushort identifier, ushort sequence)
    {
        var quoted = Datagram("100.64.1.10", target, IcmpEcho.Request(identifier, sequence, "x"u8))[..28];
        var icmp = new byte[8 + quoted.Length];
        icmp[0] = type;
        icmp[1] = code;
        quoted.CopyTo(icmp, 8);
        return Datagram(reporter, "100.64.1.10", icmp);
    }

    [Theory]
    [InlineData(3, 1, "destination host unreachable, reported by 100.64.1.1")]
    [InlineData(3, 0, "destination net unreachable, reported by 100.64.1.1")]
    [InlineData(3, 13, "communication administratively prohibited, reported by 100.64.1.1")]
    [InlineData(11, 0, "time to live exceeded, reported by 100.64.1.1")]
    public void An_icmp_error_about_our_request_says_who_reported_what(byte type, byte code, string expected)
    {
        var error = Error("100.64.1.1", type, code, "203.0.113.20", 0x1234, 7);

        Assert.Equal(expected, IcmpEcho.ErrorAbout(error, IPAddress.Parse("203.0.113.20"), IPAddress.Parse("100.64.1.10"), 0x1234, 7));
    }

    [Fact]
    public void An_icmp_error_about_someone_elses_request_is_ignored()
    {
        var other = Error("100.64.1.1", 3, 1, "203.0.113.20", 0x9999, 7);
        var otherTarget = Error("100.64.1.1", 3, 1, "203.0.113.30", 0x1234, 7);

        Assert.Null(IcmpEcho.ErrorAbout(other, IPAddress.Parse("203.0.113.20"), IPAddress.Parse("100.64.1.10"), 0x1234, 7));
        Assert.Null(IcmpEcho.ErrorAbout(otherTarget, IPAddress.Parse("203.0.113.20"), IPAddress.Parse("100.64.1.10"), 0x1234, 7));
        Assert.Null(IcmpEcho.ErrorAbout(Datagram("100.64.1.1", "100.64.1.10", IcmpEcho.Request(0x1234, 7, "x"u8)),
            IPAddress.Parse("203.0.113.20"), IPAddress.Parse("100.64.1.10"), 0x1234, 7));
    }
}
