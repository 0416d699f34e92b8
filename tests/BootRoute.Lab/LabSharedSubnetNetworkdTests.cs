using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// Two ports on one network (LAB_SAMENET) under the real systemd-networkd, which drops on every
/// reconfigure the rules its files do not name: BootRoute's drop-ins name the shared-subnet
/// <c>from &lt;address&gt; to &lt;subnet&gt;</c> rules (To=), so networkd recreates them itself.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LabSharedSubnetNetworkdTests(ITestOutputHelper output)
{
    private static int Count(LabInstance lab, Func<string, bool> match, params string[] command) =>
        lab.ExecOk(command).Split('\n').Count(match);

    private static void WaitFor(LabInstance lab, string what, Func<bool> done)
    {
        for (int i = 0; i < 60 && !done(); i++)
        {
            Thread.Sleep(500);
        }
        Assert.True(done(), $"networkd did not {what} within 30 s:\n{lab.ExecOk("ip", "-4", "rule", "show")}");
    }

    [Fact]
    public void NetworkdDropIns_RecreateTheFromToRules_AfterAReconfigure_AndTheNextApplyHasNothingToDo()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_SAMENET"] = "ens4", ["LAB_RP_FILTER"] = "1" });
        string network = Path.Combine(lab.Info["NETNS_ETC"], "systemd/network");
        foreach (var nic in lab.Nics)
        {
            File.WriteAllText(Path.Combine(network, $"10-cloud-init-{nic}.network"), $"[Match]\nName={nic}\n\n[Network]\nDHCP=ipv4\n");
        }
        lab.Networkd("start");
        WaitFor(lab, "give both NICs a default", () => Count(lab, line => line.StartsWith("default", StringComparison.Ordinal),
            "ip", "-4", "route", "show", "table", "main") == 2);
        string[] live =
        [
            "--set", "persist.backend=networkd", "--set", "persist.root=/",
            "--set", "interfaces.0.name=ens3", "--set", "interfaces.0.primary=true", "--set", "interfaces.1.name=ens4",
            "--set", $"leases.networkd_dir={Path.Combine(lab.LabDir, "networkd-run/systemd/netif/leases")}", "--set", "leases.sources.0=networkd",
        ];

        var apply = lab.RunAgent(["apply", "--config", lab.ConfigPath, .. live]);
        Assert.True(apply.ExitCode == 0, $"apply failed:\n{apply}");
        Assert.Contains("To=100.64.1.0/24", File.ReadAllText(Path.Combine(network, "10-cloud-init-ens4.network.d/90-bootroute.conf")), StringComparison.Ordinal);
        lab.Networkd("reconfigure");
        WaitFor(lab, "recreate both from/to rules", () => Count(lab, line => line.StartsWith("99:", StringComparison.Ordinal)
            && line.Contains(" to 100.64.1.0/24 ", StringComparison.Ordinal) && line.Contains("proto static", StringComparison.Ordinal),
            "ip", "-4", "rule", "show") == 2);

        using (var again = AgentReport.Parse(lab.RunAgent(["apply", "--config", lab.ConfigPath, "--json", .. live])))
        {
            Assert.True(again.ExitCode == 0 && again.Applied == 0, $"networkd's recreation is not BootRoute's state:\n{again}");
        }
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));
        var remove = lab.RunAgent(["remove", "--config", lab.ConfigPath, .. live]);
        Assert.True(remove.ExitCode == 0, $"remove failed:\n{remove}");
    }
}
