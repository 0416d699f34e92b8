using System.Net;
using BootRoute.Model;
using BootRoute.Verification;
using Xunit;

namespace BootRoute.Tests.Verification;

public class ProbeTargetTests
{
    [Theory]
    [InlineData("192.0.2.10", "192.0.2.10", null, "icmp")]
    [InlineData("192.0.2.10:443", "192.0.2.10", 443, "tcp")]
    [InlineData("198.51.100.7:1", "198.51.100.7", 1, "tcp")]
    [InlineData("198.51.100.7:65535", "198.51.100.7", 65535, "tcp")]
    [InlineData("2001:db8:ffff::10", "2001:db8:ffff::10", null, "icmp")]
    [InlineData("[2001:db8:ffff::10]:443", "2001:db8:ffff::10", 443, "tcp")]
    [InlineData("::1", "::1", null, "icmp")]
    public void Parses_an_address_with_an_optional_port(string text, string address, int? port, string protocol)
    {
        Assert.True(ProbeTarget.TryParse(text, out var target));
        Assert.Equal(IPAddress.Parse(address), target.Address);
        Assert.Equal(port, target.Port);
        Assert.Equal(protocol, target.Protocol);
        Assert.Equal(text, target.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.com")]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.2.10:0")]
    [InlineData("192.0.2.10:65536")]
    [InlineData("192.0.2.10:")]
    [InlineData("192.0.2.10:+22")]
    [InlineData("[2001:db8::1]")]
    [InlineData("[2001:db8::1]:0")]
    [InlineData("[2001:db8::1]:")]
    [InlineData("2001:db8::1:22:")]
    [InlineData("2001:db8::1%eth0")]
    [InlineData("[2001:db8::1%2]:22")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::")]
    [InlineData("::ffff:192.0.2.10")]
    [InlineData("[192.0.2.10]:22")]
    [InlineData("2001:db8::g")]
    [InlineData("192.0.2")]
    public void Rejects_anything_else(string text) => Assert.False(ProbeTarget.TryParse(text, out _));
}
