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
}
