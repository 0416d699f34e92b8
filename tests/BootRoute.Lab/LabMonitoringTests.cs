using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// Issue 17, monitoring a fleet: <c>bootroute status</c> as a health check a script trusts by its exit
/// code, against a real kernel in the lab.
/// </summary>
public sealed class LabMonitoringTests(ITestOutputHelper output)
{
    private const string Secondary = "ens4";

    /// <summary>docs/operations.md: status exits 6 when the kernel drifted from the plan.</summary>
    private const int Drifted = 6;

    [Fact]
    public void Status_ExitsZeroWhenConverged_SixNamingADeletedRule_AndOneAfterAFailedCheck()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        string[] config = ["--config", lab.ConfigPath];
        var apply = lab.RunAgent(["apply", .. config, "--json"]);
        Assert.True(apply.ExitCode == 0, $"apply failed:\n{apply}");
        using var applied = AgentReport.Parse(apply);
        var secondary = applied.Interface(Secondary);
        string priority = secondary.Str("priority")!;

        var healthy = lab.RunAgent(["status", .. config]);
        Assert.True(healthy.ExitCode == 0, $"status of a converged host should exit 0:\n{healthy}");
        Assert.StartsWith("# bootroute status: 2 interfaces, primary ens3; in sync\n", healthy.Stdout, StringComparison.Ordinal);

        // Someone deletes one of BootRoute's rules: status names it and exits non-zero.
        lab.ExecOk("ip", "rule", "del", "priority", priority);
        var drifted = lab.RunAgent(["status", .. config]);
        Assert.True(drifted.ExitCode == Drifted, $"status after a deleted rule should exit {Drifted}:\n{drifted}");
        string header = drifted.Stdout.Split('\n')[0];
        Assert.Equal("# bootroute status: 2 interfaces, primary ens3; drift: 1 operation would converge", header);
        Assert.DoesNotContain("nothing changed", drifted.Stdout, StringComparison.Ordinal);
        string missing = $"ip rule add priority {priority} from {lab.AddressOf(Secondary)} lookup {secondary.Str("table")} proto 200";
        Assert.Contains($"#   {missing}\n", drifted.Stdout, StringComparison.Ordinal);
        Assert.Contains("drift: 1 operation would converge", drifted.Stderr, StringComparison.Ordinal);
        using (var json = AgentReport.Parse(lab.RunAgent(["status", .. config, "--json"])))
        {
            Assert.Equal(Drifted, json.ExitCode);
            Assert.True(json.Root.GetProperty("owned").GetProperty("drift").GetBoolean());
            Assert.Equal([missing], json.Operations);
        }

        // Converged again, but the last run's checks failed (a target nobody answers): exit 1, naming the check.
        Assert.Equal(0, lab.RunAgent(["apply", .. config]).ExitCode);
        var verify = lab.RunAgent(["verify", .. config, "--set", "verify.targets.0=192.0.2.99", "--set", "verify.timeout=1s"]);
        Assert.True(verify.ExitCode == 1, $"verify with a silent target should exit 1:\n{verify}");
        var failed = lab.RunAgent(["status", .. config]);
        Assert.True(failed.ExitCode == 1, $"status after a failed check should exit 1:\n{failed}");
        Assert.Contains("; in sync; the last verify failed ens3 target, ens4 target", failed.Stdout.Split('\n')[0], StringComparison.Ordinal);
        using var status = JsonDocument.Parse(File.ReadAllText(Path.Combine(lab.LabDir, "state", "status.json")));
        Assert.Equal("verify", status.RootElement.GetProperty("command").GetString());
    }

    [Fact]
    public void MetricsTextfile_AfterARealApply_PassesPromtool_AndSaysEachCheckAndFloatingIp()
    {
        RepoPaths.AgentBinary();
        var promtool = ProcessRunner.Run("promtool", ["--version"], TimeSpan.FromSeconds(30));
        Assert.True(promtool.Succeeded, $"promtool (Debian package prometheus, tests/test.sh installs it) is needed:\n{promtool}");
        using var lab = new LabInstance(output);
        string directory = Path.Combine(lab.LabDir, "node-exporter");
        Directory.CreateDirectory(directory);
        string textfile = Path.Combine(directory, "bootroute.prom");
        string[] settings =
        [
            "--config", lab.ConfigPath, "--set", $"metrics.textfile={textfile}",
            "--set", $"interfaces.0.name=ens3", "--set", $"interfaces.0.floating_ip={lab.FloatingIpOf("ens3")}",
            "--set", $"interfaces.1.name={Secondary}", "--set", $"interfaces.1.floating_ip={lab.FloatingIpOf(Secondary)}",
            "--set", "verify.targets.0=192.0.2.10",
        ];

        var apply = lab.RunAgent(["apply", .. settings]);
        Assert.True(apply.ExitCode == 0, $"apply failed:\n{apply}");

        string text = File.ReadAllText(textfile);
        output.WriteLine(text);
        var check = ProcessRunner.Run("bash", ["-c", "promtool check metrics < \"$1\"", "promtool", textfile], TimeSpan.FromSeconds(30));
        Assert.True(check.Succeeded && check.Stdout.Trim().Length == 0 && check.Stderr.Trim().Length == 0, $"promtool check metrics complained:\n{check}");
        Assert.Equal(["bootroute.prom"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
        Assert.Contains("bootroute_last_run_exit_code{command=\"apply\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("bootroute_drift{command=\"apply\"} 0\n", text, StringComparison.Ordinal);
        foreach (var nic in new[] { "ens3", Secondary })
        {
            foreach (var name in new[] { "egress", "gateway", "target", "floating" })
            {
                Assert.Matches($"(?m)^bootroute_check_ok\\{{interface=\"{nic}\",check=\"{name}\",target=\"[^\"]*\"\\}} 1$", text);
            }
            Assert.Contains($"bootroute_floating_ip_reachable{{interface=\"{nic}\",floating_ip=\"{lab.FloatingIpOf(nic)}\"}} 1\n", text, StringComparison.Ordinal);
        }

        // A check that fails says 0 for that NIC and check, and the file is replaced, not appended to.
        var verify = lab.RunAgent(["verify", .. settings, "--set", "verify.targets.0=192.0.2.99", "--set", "verify.timeout=1s"]);
        Assert.True(verify.ExitCode == 1, $"verify with a silent target should exit 1:\n{verify}");
        string after = File.ReadAllText(textfile);
        Assert.Contains($"bootroute_check_ok{{interface=\"{Secondary}\",check=\"target\",target=\"icmp 192.0.2.99 from {lab.AddressOf(Secondary)}\"}} 0\n", after, StringComparison.Ordinal);
        Assert.Contains("bootroute_last_run_exit_code{command=\"verify\"} 1\n", after, StringComparison.Ordinal);
        Assert.DoesNotContain("command=\"apply\"", after, StringComparison.Ordinal);
        Assert.True(ProcessRunner.Run("bash", ["-c", "promtool check metrics < \"$1\"", "promtool", textfile], TimeSpan.FromSeconds(30)).Succeeded);
    }
}
