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
    [InlineData("[2001:db8::1]:22")]
    [InlineData("192.0.2")]
    public void Rejects_anything_else(string text) => Assert.False(ProbeTarget.TryParse(text, out _));
}
