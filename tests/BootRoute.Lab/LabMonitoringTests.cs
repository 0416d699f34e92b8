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
}
