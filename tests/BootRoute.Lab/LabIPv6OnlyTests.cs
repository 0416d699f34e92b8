using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// Issue #15: an IPv6-only secondary (LAB_IPV6). ens4's DHCPv4 client is stopped and its IPv4
/// address and lease are gone, so IPv4 has one NIC; ens4 keeps its SLAAC addresses and router.
/// The remote client's TCP connection to each of ens4's global addresses decides: before apply the
/// replies leave by ens3's router (the instance's one IPv6 default) and are dropped; after apply
/// they leave by ens4's.
/// </summary>
public sealed class LabIPv6OnlyTests(ITestOutputHelper output)
{
    [Fact]
    public void Apply_Ipv6OnlySecondaryBesideOneIpv4Nic_ItsAddressesAnswerOverTcp_RemoveRestores()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_IPV6"] = "1" });
        var tcp = new LabIPv6Tests(output);
        DropIPv4(lab, "ens4");
        var ens4 = LabIPv6Tests.GlobalAddresses(lab, "ens4");
        Assert.NotEmpty(ens4);
        var ipv4Before = lab.RoutingDump();
        Assert.All(ens4, address => Assert.False(tcp.Connects(lab, address), $"{address} answers before apply: the lab shows no asymmetry"));

        var plan = lab.RunAgent("plan", "--config", lab.ConfigPath);
        Assert.Contains("ip -6 rule add priority 102 from 2001:db8:2::/64 lookup 102", plan.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("100.64.2.", plan.Stdout, StringComparison.Ordinal);
        var apply = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");

        Assert.True(apply.ExitCode == 0, $"apply failed:\n{apply}");
        // The report names ens4 apart from the IPv4 NICs, with its verified IPv6 side.
        using (var report = System.Text.Json.JsonDocument.Parse(apply.Stdout))
        {
            var ipv6Only = report.RootElement.GetProperty("ipv6OnlyInterfaces");
            Assert.Equal("ens4", Assert.Single(ipv6Only.EnumerateArray()).GetProperty("name").GetString());
            Assert.True(ipv6Only[0].GetProperty("verified").GetBoolean(), apply.Stdout);
        }
        Assert.All(ens4, address => Assert.True(tcp.Connects(lab, address), $"{address} does not answer after apply"));
        Assert.All(LabIPv6Tests.GlobalAddresses(lab, "ens3"), address => Assert.True(tcp.Connects(lab, address), $"{address} (primary) does not answer after apply"));
        Assert.DoesNotContain("dev ens4", lab.ExecOk("ip", "-6", "route", "show", "table", "main", "default"), StringComparison.Ordinal);

        var remove = lab.RunAgent("remove", "--config", lab.ConfigPath);

        Assert.True(remove.ExitCode == 0, $"remove failed:\n{remove}");
        Assert.Equal(ipv4Before, lab.RoutingDump());
        Assert.DoesNotContain("proto 200", lab.ExecOk("ip", "-6", "rule", "show"), StringComparison.Ordinal);
        Assert.Equal("1", lab.ExecOk("sysctl", "-n", "net.ipv6.conf.ens4.accept_ra_defrtr").Trim());
    }

    /// <summary>The NIC's DHCPv4 client stopped by its pid (no release), its IPv4 addresses flushed and its lease file gone.</summary>
    private static void DropIPv4(LabInstance lab, string nic)
    {
        string pidFile = Path.Combine(lab.LabDir, $"dhclient.{nic}.pid");
        string pid = File.ReadAllText(pidFile).Trim();
        Assert.True(int.TryParse(pid, out _), $"{pidFile}: no pid");
        Assert.True(ProcessRunner.Run("kill", ["-TERM", pid], TimeSpan.FromSeconds(5)).Succeeded, $"kill {pid} failed");
        lab.ExecOk("ip", "-4", "addr", "flush", "dev", nic);
        File.Delete(Path.Combine(lab.LabDir, "leases", $"dhclient.{nic}.leases"));
    }
}
