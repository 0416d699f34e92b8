using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// Issue #16: with netplan rendered for the real systemd-networkd, a secondary NIC's option 121 routes
/// (the lab's metadata route) stay in its table across a reboot. netplan's use-routes: false stops
/// networkd asking for option 121; without BootRoute's RequestOptions=121 drop-in the second boot's
/// lease has no classless routes and BootRoute's apply takes the metadata route out of the NIC's table.
/// A reboot here is what a cold boot does to the network: networkd stopped, every address, route, rule
/// and lease of the instance gone, netplan generate and networkd started again from the image's files.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LabNetplanOption121Tests(ITestOutputHelper output)
{
    private const string Metadata = "169.254.169.254";

    [Fact]
    public void SecondaryOption121Routes_SurviveAReboot()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_OPTION121"] = "ens4" });
        string image = Path.Combine(lab.LabDir, "image");
        Directory.CreateDirectory(Path.Combine(image, "etc/systemd/network"));
        string cloudInit = Path.Combine(image, "etc/netplan/50-cloud-init.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(cloudInit)!);
        File.WriteAllText(cloudInit, "network:\n  version: 2\n  ethernets:\n    ens3:\n      dhcp4: true\n    ens4:\n      dhcp4: true\n");
        File.SetUnixFileMode(cloudInit, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string[] settings =
        [
            "--set", "persist.backend=auto", "--set", $"persist.root={image}",
            "--set", "interfaces.0.name=ens3", "--set", "interfaces.0.primary=true", "--set", "interfaces.1.name=ens4",
            "--set", $"leases.networkd_dir={Leases(lab)}", "--set", "leases.sources.0=networkd",
        ];

        Boot(lab, image, "start");
        Apply(lab, settings);
        var firstBoot = Table(lab, "102");
        Assert.Contains(firstBoot, route => route.StartsWith(Metadata, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(image, "etc/systemd/network/10-netplan-ens4.network.d/90-bootroute.conf")), "no option 121 drop-in for ens4");

        lab.Networkd("stop");
        ForgetEverything(lab);
        Boot(lab, image, "start");
        Assert.True(Directory.GetFiles(Leases(lab)).Any(lease => File.ReadAllText(lease).Contains(Metadata, StringComparison.Ordinal)),
            "ens4's lease after the reboot holds no option 121 route: networkd did not ask for it");
        Apply(lab, settings);

        Assert.Equal(firstBoot, Table(lab, "102"));
        Assert.Contains($"- to: {Metadata}/32", File.ReadAllText(Path.Combine(image, "etc/netplan/90-bootroute.yaml")), StringComparison.Ordinal);
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));
    }

    private static string Leases(LabInstance lab) => Path.Combine(lab.LabDir, "networkd-run/systemd/netif/leases");

    /// <summary>Each route of a table as "destination via gateway dev device", the way a person compares two dumps.</summary>
    private static List<string> Table(LabInstance lab, string table) =>
        IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "route", "show", "table", table))
            .Select(route => $"{route.Str("dst")} via {route.Str("gateway")} dev {route.Str("dev")}").Order(StringComparer.Ordinal).ToList();

    private static void Apply(LabInstance lab, string[] settings)
    {
        var run = lab.RunAgent(["apply", "--config", lab.ConfigPath, "--json", .. settings]);
        Assert.True(run.ExitCode == 0, $"apply failed:\n{run}");
    }

    /// <summary>`netplan generate` into the image's /run, networkd's /run gets the .network files and the image's drop-ins, networkd runs.</summary>
    private static void Boot(LabInstance lab, string image, string action)
    {
        var (generate, libraries) = RepoPaths.NetplanGenerate();
        var run = ProcessRunner.Run(generate, ["--root-dir", image], TimeSpan.FromSeconds(30), new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = libraries });
        Assert.True(run.Succeeded, $"netplan generate failed:\n{run}");
        string target = Path.Combine(lab.LabDir, "networkd-run/systemd/network");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Path.Combine(image, "run/systemd/network"), "*.network"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
        foreach (var dropIns in Directory.GetDirectories(Path.Combine(image, "etc/systemd/network"), "*.network.d"))
        {
            string copy = Path.Combine(target, Path.GetFileName(dropIns));
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(dropIns))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)), overwrite: true);
            }
        }
        lab.Networkd(action);
        for (int i = 0; i < 60 && !(Directory.Exists(Leases(lab)) && Directory.GetFiles(Leases(lab)).Length == 2
            && IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "route", "show", "table", "main", "default")).Count >= 1); i++)
        {
            Thread.Sleep(500);
        }
        Assert.True(Directory.GetFiles(Leases(lab)).Length == 2, $"networkd did not lease both NICs within 30 s:\n{lab.RoutingDump()}");
    }

    /// <summary>What a power cycle takes: the kernel's addresses, routes and rules, and /run's leases.</summary>
    private static void ForgetEverything(LabInstance lab)
    {
        foreach (var nic in lab.Nics)
        {
            lab.ExecOk("ip", "-4", "addr", "flush", "dev", nic);
        }
        foreach (var rule in IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "rule", "show")).Select(rule => rule.Str("priority")).OfType<string>().Where(p => p is not "0" and not "32766" and not "32767"))
        {
            lab.ExecOk("ip", "-4", "rule", "del", "priority", rule);
        }
        lab.ExecOk("ip", "-4", "route", "flush", "table", "101");
        lab.ExecOk("ip", "-4", "route", "flush", "table", "102");
        foreach (var lease in Directory.GetFiles(Leases(lab)))
        {
            File.Delete(lease);
        }
    }
}
