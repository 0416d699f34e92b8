using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// Issue 5: each verdict of the agent's checks against what the remote client really sees, with one
/// provider's path broken in a different way per test. The agent may report a floating IP as silent
/// when the client reaches it (a probe's vantage point can be the broken one), but never the reverse.
/// </summary>
public sealed class LabVerificationTests(ITestOutputHelper output)
{
    private const string Primary = "ens3";
    private const string Secondary = "ens4";
    private const string Client = "192.0.2.10";

    /// <summary>Floating IPs from the lab, and the remote client as an ICMP and a TCP target.</summary>
    private static string[] Settings(LabInstance lab, bool targets = true)
    {
        var settings = new List<string>
        {
            "--set", $"interfaces.0.name={Primary}", "--set", $"interfaces.0.floating_ip={lab.FloatingIpOf(Primary)}",
            "--set", $"interfaces.1.name={Secondary}", "--set", $"interfaces.1.floating_ip={lab.FloatingIpOf(Secondary)}",
        };
        if (targets)
        {
            settings.AddRange(["--set", $"verify.targets.0={Client}", "--set", $"verify.targets.1={Client}:80"]);
        }
        return [.. settings];
    }

    private static AgentReport Run(LabInstance lab, string command, int expectedExit, params string[] settings)
    {
        var run = lab.RunAgent([command, "--config", lab.ConfigPath, "--json", .. settings]);
        Assert.True(run.ExitCode == expectedExit, $"{command} exited {run.ExitCode}, expected {expectedExit}:\n{run}");
        return AgentReport.Parse(run);
    }

    private static JsonElement Check(AgentReport report, string nic, string name) =>
        report.Interface(nic).GetProperty("checks").EnumerateArray().Single(check => check.Str("name") == name);

    private static IEnumerable<JsonElement> Checks(AgentReport report, string nic, string name) =>
        report.Interface(nic).GetProperty("checks").EnumerateArray().Where(check => check.Str("name") == name);

    private static bool Passed(JsonElement check) => check.GetProperty("passed").GetBoolean();

    private static void AssertCheck(AgentReport report, string nic, string name, bool passed, string? detailStart = null)
    {
        var check = Check(report, nic, name);
        Assert.True(Passed(check) == passed, $"{nic} {name} check should have {(passed ? "passed" : "failed")}:\n{check}");
        if (detailStart is not null)
        {
            Assert.StartsWith(detailStart, check.Str("detail"), StringComparison.Ordinal);
        }
    }

    /// <summary>Where the agent says a floating IP answers, the remote client must reach it (ICMP and TCP/22).</summary>
    private static void AssertNoFalseReachable(AgentReport report, IReadOnlyList<ProbeResult> client)
    {
        foreach (var nic in new[] { Primary, Secondary })
        {
            if (Checks(report, nic, "floating").Any(Passed))
            {
                Assert.All(client.Where(probe => probe.Nic == nic), probe => Assert.True(probe.Ok,
                    $"the agent says {nic}'s floating IP answers, but the client's {probe.Kind} probe failed; report:\n{report}"));
            }
        }
    }

    [Fact]
    public void AllHealthy_EveryCheckPasses_AndTheClientReachesEveryFloatingIp()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);

        using var report = Run(lab, "apply", 0, Settings(lab));

        foreach (var nic in new[] { Primary, Secondary })
        {
            Assert.Equal(["egress", "gateway", "target", "target", "floating"],
                report.Interface(nic).GetProperty("checks").EnumerateArray().Select(check => check.Str("name")));
            Assert.All(report.Interface(nic).GetProperty("checks").EnumerateArray(), check => Assert.True(Passed(check), check.ToString()));
        }
        // Each floating IP answered: a probe from the other NIC across both providers, or (as here,
        // where the NIC's own target answers first) the target through the NIC's own NAT.
        foreach (var (nic, other) in new[] { (Primary, Secondary), (Secondary, Primary) })
        {
            string detail = Check(report, nic, "floating").Str("detail") ?? "";
            Assert.True(detail.Contains($"answered a probe from {other}", StringComparison.Ordinal)
                || detail.Contains("answered through its NAT", StringComparison.Ordinal), detail);
        }
        var client = lab.Probe();
        Assert.All(client, probe => Assert.True(probe.Ok, probe.ToString()));

        // status.json is the same report.
        var status = Path.Combine(lab.LabDir, "state", "status.json");
        using var saved = JsonDocument.Parse(File.ReadAllText(status));
        Assert.Equal(report.Root.ToString(), saved.RootElement.ToString());
    }

    [Fact]
    public void NoHairpin_TheTargetProvesEachFloatingIp_AndWithoutTargetsEveryHopIsNamed()
    {
        // Issue 14 part 6: the providers drop probes from the instance's other floating IP (no hairpin
        // NAT). The target's answer concludes each floating check; the silent vantage point is cancelled.
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_NOHAIRPIN"] = "1" });

        using (var report = Run(lab, "apply", 0, Settings(lab)))
        {
            foreach (var nic in new[] { Primary, Secondary })
            {
                var floating = Check(report, nic, "floating");
                Assert.True(Passed(floating), floating.ToString());
                Assert.StartsWith($"{lab.FloatingIpOf(nic)}: ", floating.Str("detail"), StringComparison.Ordinal);
                Assert.Contains("answered through its NAT", floating.Str("detail"), StringComparison.Ordinal);
            }
            AssertNoFalseReachable(report, lab.Probe());
        }

        using var silent = Run(lab, "verify", 1, Settings(lab, targets: false));
        AssertCheck(silent, Primary, "floating", passed: false, $"floating IP silent: from {Secondary} ({lab.Info["NIC2_ADDRESS"]}): ");
        AssertCheck(silent, Secondary, "floating", passed: false, $"floating IP silent: from {Primary} ({lab.Info["NIC1_ADDRESS"]}): ");
    }

    [Fact]
    public void FloatingIpAuto_LearnsEachFloatingIpFromTheEchoService()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);

        using var report = Run(lab, "apply", 0, "--set", $"verify.echo_url={lab.EchoUrl}");

        foreach (var nic in new[] { Primary, Secondary })
        {
            Assert.Equal(lab.FloatingIpOf(nic), report.Interface(nic).Str("floatingIp"));
            AssertCheck(report, nic, "floating", passed: true);
        }
        AssertNoFalseReachable(report, lab.Probe());
    }

    [Fact]
    public void SecondaryUplinkDown_ItsFloatingIpIsSilent_ThePrimaryStillPasses()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        Run(lab, "apply", 0, Settings(lab)).Dispose();

        lab.ProviderExecOk(Secondary, "ip", "link", "set", "uplink", "down");
        using var report = Run(lab, "verify", 1, Settings(lab));

        AssertCheck(report, Secondary, "floating", passed: false, "floating IP silent");
        AssertCheck(report, Secondary, "gateway", passed: true);
        Assert.True(report.Interface(Primary).GetProperty("verified").GetBoolean(), report.ToString());
        var client = lab.Probe();
        Assert.All(client.Where(probe => probe.Nic == Secondary), probe => Assert.False(probe.Ok, probe.ToString()));
        AssertNoFalseReachable(report, client);
    }

    [Fact]
    public void SecondaryNatMissing_ItsFloatingIpIsSilent_ThePrimaryStillPasses()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        Run(lab, "apply", 0, Settings(lab)).Dispose();

        // New probes are new conntrack entries (fresh ICMP ids, fresh TCP ports): none of them is translated.
        lab.ProviderExecOk(Secondary, "iptables", "-t", "nat", "-F");
        using var report = Run(lab, "verify", 1, Settings(lab));

        AssertCheck(report, Secondary, "floating", passed: false, "floating IP silent");
        Assert.True(report.Interface(Primary).GetProperty("verified").GetBoolean(), report.ToString());
        AssertNoFalseReachable(report, lab.Probe());
    }

    [Fact]
    public void SecondaryGatewayDropsIcmp_GatewayCheckFails_FloatingCheckPasses()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        lab.ProviderExecOk(Secondary, "iptables", "-I", "INPUT", "-i", "ten", "-p", "icmp", "--icmp-type", "echo-request", "-j", "DROP");

        using var report = Run(lab, "apply", 1, Settings(lab, targets: false));

        AssertCheck(report, Secondary, "gateway", passed: false, "gateway silent");
        AssertCheck(report, Secondary, "floating", passed: true);
        // A secondary's failure leaves the apply in place.
        Assert.False(report.Root.TryGetProperty("rollback", out _), report.ToString());
        var client = lab.Probe();
        Assert.All(client, probe => Assert.True(probe.Ok, probe.ToString()));
        AssertNoFalseReachable(report, client);
    }

    [Fact]
    public void WrongRule_TheSecondaryUsesThePrimarysTable_EgressCheckFails()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        using var applied = Run(lab, "apply", 0, Settings(lab));
        string primaryTable = applied.Interface(Primary).Str("table")!;
        string secondaryPriority = applied.Interface(Secondary).Str("priority")!;

        lab.ExecOk("ip", "rule", "del", "priority", secondaryPriority);
        lab.ExecOk("ip", "rule", "add", "priority", secondaryPriority, "from", lab.AddressOf(Secondary), "lookup", primaryTable, "proto", "200");
        using var report = Run(lab, "verify", 1, Settings(lab));

        AssertCheck(report, Secondary, "egress", passed: false, "wrong egress");
        AssertCheck(report, Primary, "egress", passed: true);
        AssertNoFalseReachable(report, lab.Probe());
    }

    [Fact]
    public void WrongPrimaryGateway_TheApplyIsRolledBack_AndTheKernelIsAsBefore()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        string before = lab.RoutingDump();

        using var report = Run(lab, "apply", 1, [.. Settings(lab, targets: false), "--set", "interfaces.0.gateway=100.64.1.254"]);

        var rollback = report.Root.GetProperty("rollback");
        Assert.True(rollback.GetProperty("restored").GetBoolean(), rollback.ToString());
        Assert.True(rollback.GetProperty("undone").GetInt32() > 0, rollback.ToString());
        Assert.Contains(rollback.GetProperty("lost").EnumerateArray(), lost => lost.GetString()!.StartsWith("next hop:", StringComparison.Ordinal));
        Assert.Equal(0, report.Applied);
        Assert.Equal(before, lab.RoutingDump());
        var defaults = IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "route", "show", "table", "main", "default"));
        Assert.Equal(lab.GatewayOf(Primary), Assert.Single(defaults).Str("gateway"));
        // The operator is not cut off: the primary's floating IP answers as it did before.
        Assert.All(lab.Probe().Where(probe => probe.Nic == Primary), probe => Assert.True(probe.Ok, probe.ToString()));
    }
}
