using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// Issue #15: stateful DHCPv6 on the secondary (LAB_IPV6 with LAB_IPV6_DHCP=ens4). ens4's provider
/// hands out 2001:db8:2::100–1ff from dnsmasq's DHCPv6 server and advertises its prefix for on-link
/// use only (M flag, no SLAAC); the instance's own `dhclient -6` configures the /128. The remote
/// client's TCP connection to that address decides: its replies leave by ens3's router before apply
/// (dropped by the anti-spoofing) and by ens4's after.
/// </summary>
public sealed class LabDhcpv6Tests(ITestOutputHelper output)
{
    [Fact]
    public void Apply_Dhcpv6StatefulSecondary_ItsLeasedAddressAnswersOverTcp_RemoveRestores()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_IPV6"] = "1", ["LAB_IPV6_DHCP"] = "ens4" });
        var tcp = new LabIPv6Tests(output);
        var ens4 = LabIPv6Tests.GlobalAddresses(lab, "ens4");
        // Only the DHCPv6 lease: no SLAAC (stable or privacy) address beside it.
        string leased = Assert.Single(ens4);
        Assert.Matches(@"^2001:db8:2::1[0-9a-f]{2}$", leased);
        var before = lab.RoutingDump();
        Assert.False(tcp.Connects(lab, leased), $"{leased} answers before apply: the lab shows no asymmetry");

        var apply = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");

        Assert.True(apply.ExitCode == 0, $"apply failed:\n{apply}");
        // The /128's prefix is the on-link route the advertisement gave: the rule covers the whole /64.
        string rules = lab.ExecOk("ip", "-6", "rule", "show");
        Assert.True(rules.Contains("102:\tfrom 2001:db8:2::/64 lookup ", StringComparison.Ordinal), $"{rules}\n{apply}");
        Assert.True(tcp.Connects(lab, leased), $"{leased} does not answer after apply");
        using (var report = System.Text.Json.JsonDocument.Parse(apply.Stdout))
        {
            var nic = report.RootElement.GetProperty("interfaces").EnumerateArray().Single(entry => entry.GetProperty("name").GetString() == "ens4");
            Assert.Equal(leased, Assert.Single(nic.GetProperty("ipv6").GetProperty("addresses").EnumerateArray()).GetString());
        }

        var remove = lab.RunAgent("remove", "--config", lab.ConfigPath);
        Assert.True(remove.ExitCode == 0, $"remove failed:\n{remove}");
        Assert.Equal(before, lab.RoutingDump());
        Assert.DoesNotContain("proto 200", lab.ExecOk("ip", "-6", "rule", "show"), StringComparison.Ordinal);
    }
}
