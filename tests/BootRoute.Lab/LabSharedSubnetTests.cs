using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// Two ports on one OpenStack network (LAB_SAMENET): ens3 and ens4 both in 100.64.1.0/24 behind the
/// same gateway, each port with port security (ebtables: the port's own MAC and address only) and its
/// own floating IP, and strict rp_filter on the instance (issue #14 part 1).
/// </summary>
public sealed class LabSharedSubnetTests(ITestOutputHelper output)
{
    /// <param name="rpFilter">The instance's rp_filter: 1 strict, 2 loose (a stock cloud image).</param>
    /// <param name="clients">ens4 on dhcpcd installs its own subnet route and default (metric 1003) beside the kernel's.</param>
    [Theory]
    [InlineData("1", "dhclient dhclient")]
    [InlineData("2", "dhclient dhcpcd")]
    public void TwoPortsOnOneNetwork_BothFloatingIpsAnswer_TheGatewayResolvesEachPort_ASecondRunChangesNothing_RemoveRestores(
        string rpFilter, string clients)
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string>
        {
            ["LAB_SAMENET"] = "ens4", ["LAB_RP_FILTER"] = rpFilter, ["LAB_CLIENTS"] = clients,
        });
        Assert.Equal(lab.GatewayOf("ens3"), lab.GatewayOf("ens4"));
        var before = lab.RoutingDump();
        // The lab models the problem: ens4's floating IP is dead while main's connected route is ens3's.
        Assert.Contains(lab.Probe(), probe => probe.Nic == "ens4" && !probe.Ok);

        var run = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");
        Assert.True(run.ExitCode == 0, $"apply failed:\n{run}");
        using (var report = AgentReport.Parse(run))
        {
            foreach (var nic in new[] { "ens3", "ens4" })
            {
                Assert.True(report.Interface(nic).TryGetProperty("verified", out var verified) && verified.ValueKind == JsonValueKind.True,
                    $"{nic} is not verified:\n{report}");
            }
            var diagnostics = report.Root.GetProperty("diagnostics").EnumerateArray().Select(line => line.GetString() ?? "").ToList();
            Assert.Contains(diagnostics, line => line.StartsWith("ens3 and ens4 share 100.64.1.0/24: ", StringComparison.Ordinal));
        }
        var rules = lab.ExecOk("ip", "-4", "rule", "show");
        Assert.Contains("99:\tfrom 100.64.1.11 to 100.64.1.0/24 lookup ens4 proto bootroute", rules, StringComparison.Ordinal);

        // From a cold neighbour cache on both sides, the gateway must resolve each address by ARP.
        lab.ProviderExecOk("ens3", "ip", "neigh", "flush", "dev", "ten");
        lab.ExecOk("ip", "neigh", "flush", "all");
        AssertEveryFloatingIpAnswers(lab);
        var neighbours = IpJson.Parse(lab.ProviderExecOk("ens3", "ip", "-j", "-4", "neigh", "show", "dev", "ten"));
        foreach (var nic in new[] { "ens3", "ens4" })
        {
            var entry = Assert.Single(neighbours, neighbour => neighbour.Str("dst") == lab.AddressOf(nic));
            Assert.Equal(lab.Info[$"NIC{(nic == "ens3" ? 1 : 2)}_MAC"], entry.Str("lladdr"));
        }

        using (var again = AgentReport.Parse(lab.RunAgent("apply", "--config", lab.ConfigPath, "--json")))
        {
            Assert.Equal(0, again.ExitCode);
            Assert.Empty(again.Operations);
        }
        AssertEveryFloatingIpAnswers(lab);
        AssertVerifyPassesForBoth(lab);

        var remove = lab.RunAgent("remove", "--config", lab.ConfigPath);
        Assert.True(remove.ExitCode == 0, $"remove failed:\n{remove}");
        Assert.Equal(before, lab.RoutingDump());
        Assert.Equal("0", lab.ExecOk("sysctl", "-n", "net.ipv4.conf.ens4.arp_ignore").Trim());
        Assert.Equal("0", lab.ExecOk("sysctl", "-n", "net.ipv4.conf.ens4.arp_filter").Trim());
    }

    /// <summary>
    /// verify with each NIC's floating IP learnt from the echo service and the remote client as a
    /// target: the gateway, the target and the floating IP answer for both addresses.
    /// </summary>
    private static void AssertVerifyPassesForBoth(LabInstance lab)
    {
        string verifyConfig = Path.Combine(lab.LabDir, "verify.yaml");
        File.WriteAllText(verifyConfig, File.ReadAllText(lab.ConfigPath)
            + $"verify:\n  echo_url: {lab.EchoUrl}\n  targets: [{lab.Info["CLIENT_IP"]}]\n");
        var verify = lab.RunAgent("verify", "--config", verifyConfig);
        Assert.True(verify.ExitCode == 0, $"verify failed:\n{verify}");
        var lines = verify.Stdout.Split('\n').Select(line => line.TrimStart('#', ' ')).ToList();
        Assert.Equal(2, lines.Count(line => line.StartsWith("ok   gateway", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(line => line.StartsWith("ok   target", StringComparison.Ordinal)));
        Assert.Contains(lines, line => line.StartsWith("ok   floating 203.0.113.10", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("ok   floating 203.0.113.20", StringComparison.Ordinal));
    }

    private static void AssertEveryFloatingIpAnswers(LabInstance lab)
    {
        var probes = lab.Probe();
        Assert.True(probes.All(probe => probe.Ok), "not every floating IP answers: " + string.Join(", ", probes));
    }
}
