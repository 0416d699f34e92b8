using BootRoute.Cli;
using Xunit;

namespace BootRoute.Tests.Cli;

public sealed class HookGateTests
{
    [Theory]
    [InlineData("BOUND6", true)]
    [InlineData("RENEW6", true)]
    [InlineData("dhcp6-change", true)]
    [InlineData("BOUND", false)]
    [InlineData("dhcp4-change", false)]
    [InlineData("up", false)]
    [InlineData("routable", false)]
    [InlineData(null, false)]
    public void Only_dhcpv6_events_skip_the_wait_for_the_ipv4_lease_record(string? reason, bool ipv6)
    {
        Assert.Equal(ipv6, HookGate.IsIPv6Event(reason));
    }
}
