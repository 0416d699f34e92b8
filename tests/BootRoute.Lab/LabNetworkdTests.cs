using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// The real systemd-networkd (systemd 252) as the instance's network stack, restarted the way a reload
/// or `netplan apply` hits it: it drops every rule and route it was not configured with and re-adds
/// each NIC's DHCP default. First the problem (nothing persisted: BootRoute's rules are gone, ens4's
/// default is back), then BootRoute's drop-ins or netplan file make networkd recreate the same state
/// itself, and the next apply has nothing (or, for netplan, only the suppress rule) left to do.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LabNetworkdTests(ITestOutputHelper output)
{
    private static List<JsonElement> MainDefaults(LabInstance lab) =>
        IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "route", "show", "table", "main", "default"));

    private static List<JsonElement> Rules(LabInstance lab) => IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "rule", "show"));

    /// <summary>Polls (0.5 s, bounded) until networkd has configured what the test waits for.</summary>
    private static void WaitFor(LabInstance lab, string what, Func<bool> done, int seconds = 30)
    {
        for (int i = 0; i < seconds * 2; i++)
        {
            if (done())
            {
                return;
            }
            Thread.Sleep(500);
        }
        Assert.Fail($"networkd did not {what} within {seconds}s:\n{lab.ExecOk("ip", "-4", "rule", "show")}{lab.ExecOk("ip", "-4", "route", "show", "table", "all")}");
    }

    // networkd gives both NICs a default with the same metric (1024), so the primary is configured
    // rather than left to which of the two the kernel lists first.
    private static string[] Settings(LabInstance lab, string backend, string root) =>
    [
        "--set", $"persist.backend={backend}", "--set", $"persist.root={root}",
        "--set", "interfaces.0.name=ens3", "--set", "interfaces.0.primary=true", "--set", "interfaces.1.name=ens4",
        "--set", $"leases.networkd_dir={Path.Combine(lab.LabDir, "networkd-run/systemd/netif/leases")}", "--set", "leases.sources.0=networkd",
    ];

    private static AgentReport Apply(LabInstance lab, string[] settings)
    {
        var run = lab.RunAgent(["apply", "--config", lab.ConfigPath, "--json", .. settings]);
        Assert.True(run.ExitCode == 0, $"apply failed:\n{run}");
        return AgentReport.Parse(run);
    }

    [Fact]
    public void DropIns_MakeNetworkdRecreateTheRulesAndKeepTheSecondaryDefaultOut()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        string network = Path.Combine(lab.Info["NETNS_ETC"], "systemd/network");
        foreach (var nic in lab.Nics)
        {
            // As cloud-init's networkd renderer writes them.
            File.WriteAllText(Path.Combine(network, $"10-cloud-init-{nic}.network"), $"[Match]\nName={nic}\n\n[Network]\nDHCP=ipv4\n");
        }
        lab.Networkd("start");
        WaitFor(lab, "give both NICs a default", () => MainDefaults(lab).Count == 2);

        // The problem: without persistence a restart takes BootRoute's rules and brings ens4's default back.
        using (var report = Apply(lab, Settings(lab, "none", "/")))
        {
            Assert.Equal("ens3", Assert.Single(MainDefaults(lab)).Str("dev"));
        }
        lab.Networkd("reconfigure");
        WaitFor(lab, "re-add ens4's default", () => MainDefaults(lab).Any(route => route.Str("dev") == "ens4"));
        Assert.DoesNotContain(Rules(lab), rule => rule.Str("priority") is "101" or "102");

        // The fix: drop-ins for the image's .network files (in the instance's /etc, the lab's overlay).
        string[] live = Settings(lab, "networkd", "/");
        using (var report = Apply(lab, live))
        {
            var paths = report.Root.GetProperty("persistence").GetProperty("files").EnumerateArray().Select(file => file.Str("path")).ToList();
            Assert.Equal(["/etc/systemd/network/10-cloud-init-ens3.network.d/90-bootroute.conf", "/etc/systemd/network/10-cloud-init-ens4.network.d/90-bootroute.conf"], paths);
        }
        Assert.True(File.Exists(Path.Combine(network, "10-cloud-init-ens4.network.d/90-bootroute.conf")));
        Assert.False(Directory.Exists("/etc/systemd/network/10-cloud-init-ens4.network.d"), "the lab wrote into this machine's /etc/systemd/network");

        lab.Networkd("reconfigure");
        WaitFor(lab, "recreate BootRoute's rules", () => Rules(lab).Count(rule => rule.Str("priority") is "100" or "101" or "102") == 3);

        Assert.Equal("ens3", Assert.Single(MainDefaults(lab)).Str("dev"));
        Assert.All(Rules(lab).Where(rule => rule.Str("priority") is "101" or "102"), rule => Assert.Equal("static", rule.Str("protocol")));
        Assert.All(IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "route", "show", "table", "102")), route => Assert.Equal("bootroute", route.Str("protocol")));
        using (var again = Apply(lab, live))
        {
            Assert.True(again.Applied == 0, $"networkd's recreation is not BootRoute's state:\n{again}");
        }
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));

        var remove = lab.RunAgent(["remove", "--config", lab.ConfigPath, .. live]);
        Assert.True(remove.ExitCode == 0, $"remove failed:\n{remove}");
        Assert.False(Directory.Exists(Path.Combine(network, "10-cloud-init-ens4.network.d")), "remove left the drop-in directory behind");
    }

    [Fact]
    public void NetplanFile_ThroughNetplanGenerate_MakesNetworkdRecreateTheTablesAndRules()
    {
        RepoPaths.AgentBinary();
        var (generate, libraries) = RepoPaths.NetplanGenerate();
        using var lab = new LabInstance(output);
        // The image's netplan tree (persist.root): cloud-init's file; `netplan apply` = generate + reload.
        string image = Path.Combine(lab.LabDir, "image");
        Directory.CreateDirectory(Path.Combine(image, "etc/netplan"));
        string cloudInit = Path.Combine(image, "etc/netplan/50-cloud-init.yaml");
        File.WriteAllText(cloudInit, "network:\n  version: 2\n  ethernets:\n    ens3:\n      dhcp4: true\n    ens4:\n      dhcp4: true\n");
        File.SetUnixFileMode(cloudInit, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        void NetplanApply(string networkdAction)
        {
            var run = ProcessRunner.Run(generate, ["--root-dir", image], TimeSpan.FromSeconds(30), new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = libraries });
            Assert.True(run.Succeeded, $"netplan generate failed:\n{run}");
            string generated = Path.Combine(image, "run/systemd/network");
            string target = Path.Combine(lab.LabDir, "networkd-run/systemd/network");
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(generated, "*.network"))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
            }
            lab.Networkd(networkdAction);
        }
        NetplanApply("start");
        WaitFor(lab, "give both NICs a default", () => MainDefaults(lab).Count == 2);

        string[] settings = Settings(lab, "auto", image);
        using (var report = Apply(lab, settings))
        {
            var persistence = report.Root.GetProperty("persistence");
            Assert.All(persistence.GetProperty("interfaces").EnumerateArray(), nic => Assert.Equal("netplan", nic.Str("backend")));
            Assert.Equal(Path.Combine(image, "etc/netplan/90-bootroute.yaml"), Assert.Single(persistence.GetProperty("files").EnumerateArray()).Str("path"));
        }

        NetplanApply("reconfigure");
        WaitFor(lab, "recreate the rules from netplan", () => Rules(lab).Count(rule => rule.Str("priority") is "101" or "102") == 2);

        Assert.Equal("ens3", Assert.Single(MainDefaults(lab)).Str("dev"));
        Assert.Equal(2, IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "route", "show", "table", "102")).Count);
        using (var again = Apply(lab, settings))
        {
            // netplan has no suppress_prefixlength: that one rule is BootRoute's alone, and networkd dropped it.
            Assert.Equal(["ip rule add priority 100 from all lookup main suppress_prefixlength 0 proto 200"], again.Operations);
        }
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));
    }
}
