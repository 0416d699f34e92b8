using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// DEFROUTE persisted in the DHCP clients' own terms, proven with the real clients: the agent applies
/// and persists, then the instance loses all of its routing state and the clients start over — the
/// secondary NIC's first, so that without BootRoute's files it would take the main default (each
/// test shows that too, after `remove`). The re-apply hook is another issue's; here the test runs
/// `bootroute apply` itself afterwards and checks it no longer had to remove a default.
/// </summary>
public sealed class LabPersistenceTests(ITestOutputHelper output)
{
    private const string Hook = "/etc/dhcp/dhclient-enter-hooks.d/bootroute-defroute";

    /// <summary>Everything a reboot would lose: rules other than the kernel's three, tables main, 101 and 102.</summary>
    private static void FlushRouting(LabInstance lab)
    {
        foreach (var rule in IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "rule", "show")))
        {
            string priority = rule.Str("priority")!;
            if (priority is not ("0" or "32766" or "32767"))
            {
                lab.ExecOk("ip", "-4", "rule", "del", "priority", priority);
            }
        }
        foreach (var table in new[] { "main", "101", "102" })
        {
            lab.ExecOk("ip", "-4", "route", "flush", "table", table);
        }
    }

    /// <summary>The instance starts over: state flushed, the secondary's client first, then the primary's.</summary>
    private static void StartOver(LabInstance lab, string? dhcpcdConf = null)
    {
        FlushRouting(lab);
        lab.Restart("ens4", dhcpcdConf);
        lab.Restart("ens3");
    }

    private static List<JsonElement> MainDefaults(LabInstance lab) =>
        IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "route", "show", "table", "main", "default"));

    private static void AssertAppliedWithoutRemovingADefault(LabInstance lab, params string[] settings)
    {
        var run = lab.RunAgent(["apply", "--config", lab.ConfigPath, "--json", .. settings]);
        Assert.True(run.ExitCode == 0, $"apply after the restart failed:\n{run}");
        using var report = AgentReport.Parse(run);
        Assert.DoesNotContain(report.Operations, operation => operation.StartsWith("ip route del default", StringComparison.Ordinal)
            || operation.StartsWith("ip route replace default", StringComparison.Ordinal) && !operation.Contains(" table ", StringComparison.Ordinal));
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ens4")]
    public void DhclientEnterHook_KeepsTheSecondarysDefaultOut_WhenTheClientsStartOver(string option121)
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_OPTION121"] = option121 });
        // The real path inside the instance: /etc/dhcp is the lab's overlay there.
        string[] live = ["--set", "persist.root=/", "--set", "persist.backend=ifupdown"];
        string overlayHook = Path.Combine(lab.Info["NETNS_ETC"], "dhcp/dhclient-enter-hooks.d/bootroute-defroute");

        var apply = lab.RunAgent(["apply", "--config", lab.ConfigPath, "--json", .. live]);

        Assert.True(apply.ExitCode == 0, $"apply failed:\n{apply}");
        using (var report = AgentReport.Parse(apply))
        {
            var file = Assert.Single(report.Root.GetProperty("persistence").GetProperty("files").EnumerateArray());
            Assert.Equal(Hook, file.Str("path"));
        }
        Assert.True(File.Exists(overlayHook), $"the hook is not in the instance's /etc overlay ({overlayHook})");
        Assert.False(File.Exists(Hook), $"the lab wrote {Hook} on this machine");

        StartOver(lab);

        var only = Assert.Single(MainDefaults(lab));
        Assert.Equal("ens3", only.Str("dev"));
        if (option121.Length > 0)
        {
            // The rest of option 121 still reaches the main table: only its default was dropped.
            Assert.Contains(IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "route", "show", "table", "main")),
                route => route.Str("dst") == "169.254.169.254" && route.Str("dev") == "ens4");
        }
        AssertAppliedWithoutRemovingADefault(lab, live);

        // Without the hook the same start-over gives ens4 the main default: the hook is what kept it out.
        var remove = lab.RunAgent(["remove", "--config", lab.ConfigPath, .. live]);
        Assert.True(remove.ExitCode == 0, $"remove failed:\n{remove}");
        Assert.False(File.Exists(overlayHook), "remove left the hook behind");
        StartOver(lab);
        Assert.Contains(MainDefaults(lab), route => route.Str("dev") == "ens4");
    }

    [Theory]
    [InlineData("")]
    [InlineData("ens4")]
    public void DhcpcdNogateway_KeepsTheSecondarysDefaultOut_WhenTheClientsStartOver(string option121)
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string>
        {
            ["LAB_CLIENTS"] = "dhclient dhcpcd", ["LAB_OPTION121"] = option121,
        });
        // dhcpcd reads its configuration from a file the test hands it: the lab's own dhcpcd.conf,
        // placed where the agent persists (persist.root, the lab's root by default).
        string conf = Path.Combine(lab.LabDir, "root/etc/dhcpcd.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(conf)!);
        File.Copy(Path.Combine(lab.LabDir, "dhcpcd.conf"), conf);
        string original = File.ReadAllText(conf);
        Assert.Contains(MainDefaults(lab), route => route.Str("dev") == "ens4");

        var apply = lab.RunAgent("apply", "--config", lab.ConfigPath, "--set", "persist.backend=ifupdown");

        Assert.True(apply.ExitCode == 0, $"apply failed:\n{apply}");
        Assert.StartsWith(original, File.ReadAllText(conf), StringComparison.Ordinal);
        Assert.Contains("interface ens4\nnogateway\n", File.ReadAllText(conf), StringComparison.Ordinal);

        StartOver(lab, conf);

        Assert.DoesNotContain(MainDefaults(lab), route => route.Str("dev") == "ens4");
        Assert.Contains(MainDefaults(lab), route => route.Str("dev") == "ens3");
        AssertAppliedWithoutRemovingADefault(lab, "--set", "persist.backend=ifupdown");

        var remove = lab.RunAgent("remove", "--config", lab.ConfigPath);
        Assert.True(remove.ExitCode == 0, $"remove failed:\n{remove}");
        Assert.Equal(original, File.ReadAllText(conf));
        StartOver(lab, conf);
        Assert.Contains(MainDefaults(lab), route => route.Str("dev") == "ens4");
    }
}
