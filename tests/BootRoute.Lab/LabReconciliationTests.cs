using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// Safe reconciliation on the real kernel: foreign objects are never touched, a refusal at any
/// operation leaves the kernel as it was, a killed run converges, runs are serialised, remove
/// restores the host exactly.
/// </summary>
public sealed class LabReconciliationTests(ITestOutputHelper output)
{
    private const string FaultVariable = "BOOTROUTE_INJECT_FAULT";
    private const string DelayVariable = "BOOTROUTE_INJECT_DELAY_MS";

    private static string Dump(LabInstance lab) => lab.RoutingDump();

    private static int PlannedOperations(LabInstance lab) => Plan(lab).Count;

    /// <summary>The planned operations as `ip` commands (`plan --json`).</summary>
    private static IReadOnlyList<string> Plan(LabInstance lab)
    {
        using var plan = AgentReport.Parse(lab.RunAgent("plan", "--config", lab.ConfigPath, "--json"));
        return plan.Operations;
    }

    [Fact]
    public void ForeignRulesTablesAndRoutes_SurviveApplyReapplyAndRemove()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        lab.ExecOk("ip", "rule", "add", "priority", "500", "from", "100.64.9.0/24", "lookup", "77", "proto", "static");
        lab.ExecOk("ip", "route", "add", "default", "via", "100.64.1.1", "dev", "ens3", "table", "77");
        lab.ExecOk("ip", "route", "add", "100.64.50.0/24", "via", "100.64.1.1", "dev", "ens3", "proto", "18");
        string[] foreign = ["500:\tfrom 100.64.9.0/24 lookup 77 proto 4", "default via 100.64.1.1 dev ens3 table 77", "100.64.50.0/24 via 100.64.1.1 dev ens3 proto 18"];

        foreach (var step in new[] { "apply", "apply", "remove" })
        {
            var run = lab.RunAgent(step, "--config", lab.ConfigPath);
            Assert.True(run.ExitCode == 0, $"{step} failed:\n{run}");
            string dump = lab.ExecOk("ip", "-N", "-4", "rule", "show") + lab.ExecOk("ip", "-N", "-4", "route", "show", "table", "all");
            Assert.All(foreign, line => Assert.Contains(line, dump, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void InjectedKernelError_AtEveryOperation_LeavesTheDumpUnchanged()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_CLIENTS"] = "dhclient dhcpcd" });
        var plan = Plan(lab);
        int operations = plan.Count;
        Assert.True(operations >= 8, $"expected the dhcpcd lab to need at least 8 operations, plan has {operations}");
        var before = Dump(lab);

        for (int n = 1; n <= operations; n++)
        {
            var run = lab.RunAgentWith(new Dictionary<string, string> { [FaultVariable] = n.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                "apply", "--config", lab.ConfigPath);

            Assert.True(run.ExitCode == 4, $"fault at operation {n}: expected exit 4:\n{run}");
            Assert.Contains("rolled back", run.Stderr, StringComparison.Ordinal);
            // The refused operation is the Nth planned one, and stderr names it.
            Assert.True(run.Stderr.Contains(plan[n - 1], StringComparison.Ordinal),
                $"fault at operation {n}: stderr does not name \"{plan[n - 1]}\":\n{run}");
            Assert.Equal(before, Dump(lab));
        }
    }

    [Fact]
    public async Task KilledAtRandomPoints_ThenANormalRun_Converges()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_CLIENTS"] = "dhclient dhcpcd" });
        var before = Dump(lab);
        var random = new Random(20261123);
        var slow = new Dictionary<string, string> { [DelayVariable] = "15" };
        int killedMidway = 0; // kills that left some but not all of a run's operations done

        for (int iteration = 0; iteration < 20; iteration++)
        {
            int sleep = random.Next(0, 101);
            var atStart = Dump(lab);
            int victimExit;
            using (var victim = lab.StartAgent(slow, "apply", "--config", lab.ConfigPath))
            {
                // Drain the pipes so the agent can never block on a full one before the kill.
                var drainOut = victim.StandardOutput.ReadToEndAsync();
                var drainErr = victim.StandardError.ReadToEndAsync();
                // The kill's delay counts from the first change the run makes, not from its start: on
                // a loaded machine the agent's start and its pre-apply probe take longer than the
                // whole apply, and kills timed from the start would all land before it.
                var waiting = Stopwatch.StartNew();
                while (waiting.Elapsed < TimeSpan.FromSeconds(5) && !victim.HasExited && Dump(lab) == atStart)
                {
                    Thread.Sleep(2);
                }
                Thread.Sleep(sleep);
                try { victim.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } // already exited
                Assert.True(victim.WaitForExit(10_000), "the killed agent did not exit");
                await Task.WhenAll(drainOut, drainErr).WaitAsync(TimeSpan.FromSeconds(10));
                victimExit = victim.ExitCode;
            }
            bool touched = Dump(lab) != atStart;

            // A normal run (with verification) repairs whatever the kill left.
            var converge = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");
            Assert.True(converge.ExitCode == 0, $"iteration {iteration}: apply after kill -9 at {sleep} ms failed:\n{converge}");
            int repaired;
            using (var report = AgentReport.Parse(converge)) repaired = report.Applied;
            if (victimExit == 137 && touched && repaired > 0) killedMidway++;
            output.WriteLine($"iteration {iteration}: killed {sleep} ms after its first change (exit {victimExit}), kernel touched: {touched}, next apply performed {repaired}");
            using (var again = AgentReport.Parse(lab.RunAgent("apply", "--config", lab.ConfigPath, "--json")))
            {
                Assert.True(again.Applied == 0, $"iteration {iteration}: not converged:\n{again}");
            }
            // Remove after every iteration but every fifth, so nearly every kill lands in a run with
            // work to do (on a converged host a kill has nothing to interrupt); every fifth kill hits
            // a converged host instead.
            if (iteration % 5 != 4)
            {
                var remove = lab.RunAgent("remove", "--config", lab.ConfigPath);
                Assert.True(remove.ExitCode == 0, $"iteration {iteration}: remove failed:\n{remove}");
                Assert.Equal(before, Dump(lab));
            }
        }
        // Otherwise the loop proved nothing about crashes between two operations.
        Assert.True(killedMidway >= 5, $"only {killedMidway} of 20 kills landed between two operations");
        Assert.Equal(0, lab.RunAgent("apply", "--config", lab.ConfigPath).ExitCode);
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));
    }

    [Fact]
    public void TwoConcurrentApplies_OneWaits_BothEndCorrect()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        int operations = PlannedOperations(lab);
        var slow = new Dictionary<string, string> { [DelayVariable] = "100" };

        using var first = lab.StartAgent(slow, "apply", "--no-verify", "--config", lab.ConfigPath, "--json");
        using var second = lab.StartAgent(slow, "apply", "--no-verify", "--config", lab.ConfigPath, "--json");
        var outputs = new[] { first, second }.Select(process =>
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), "an apply did not finish");
            return (process.ExitCode, Stdout: stdout.Result, Stderr: stderr.Result);
        }).ToList();

        Assert.All(outputs, run => Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}"));
        var applied = outputs.Select(run => System.Text.Json.JsonDocument.Parse(run.Stdout).RootElement.GetProperty("applied").GetInt32()).Order().ToList();
        Assert.Equal([0, operations], applied);
        Assert.Contains(outputs, run => run.Stderr.Contains("another bootroute run holds", StringComparison.Ordinal));
        using var last = AgentReport.Parse(lab.RunAgent("apply", "--config", lab.ConfigPath, "--json"));
        Assert.Equal(0, last.Applied);
    }

    [Fact]
    public void Remove_RestoresThePreBootRouteDumpExactly()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_CLIENTS"] = "dhclient dhcpcd" });
        var before = Dump(lab);
        Assert.Contains("default via 100.64.2.1 dev ens4 proto dhcp", before, StringComparison.Ordinal);

        Assert.Equal(0, lab.RunAgent("apply", "--config", lab.ConfigPath).ExitCode);
        Assert.DoesNotContain("default via 100.64.2.1 dev ens4 proto dhcp", Dump(lab), StringComparison.Ordinal);
        var remove = lab.RunAgent("remove", "--config", lab.ConfigPath);

        Assert.True(remove.ExitCode == 0, $"remove failed:\n{remove}");
        Assert.Equal(before, Dump(lab));
        Assert.False(File.Exists(Path.Combine(lab.LabDir, "state", "state.json")), "state.json survived remove");
    }

    [Fact]
    public void ForeignRuleAtBootRoutesPriority_Exits4AndChangesNothing()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        lab.ExecOk("ip", "rule", "add", "priority", "101", "from", "100.64.9.9", "lookup", "77", "proto", "static");
        var before = Dump(lab);

        var plan = lab.RunAgent("plan", "--config", lab.ConfigPath);
        var run = lab.RunAgent("apply", "--config", lab.ConfigPath);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("foreign rule \"101: from 100.64.9.9 lookup 77 proto static\" holds priority 101", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Dump(lab));
        // plan says what apply will do: the same exit code and lines, and no command to paste.
        Assert.Equal(run.ExitCode, plan.ExitCode);
        Assert.Equal(run.Stderr, plan.Stderr);
        Assert.DoesNotContain(plan.Stdout.Split('\n'), line => line.StartsWith("ip ", StringComparison.Ordinal));
    }

    /// <summary>Remove is all or nothing too: a refusal at any of its operations leaves the applied dump and the state file.</summary>
    [Fact]
    public void InjectedKernelError_AtEveryRemoveOperation_LeavesTheDumpUnchanged()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_CLIENTS"] = "dhclient dhcpcd" });
        var pristine = Dump(lab);
        Assert.Equal(0, lab.RunAgent("apply", "--config", lab.ConfigPath).ExitCode);
        var stateFile = Path.Combine(lab.LabDir, "state", "state.json");

        // remove has no dry run: fault operation 1, 2, … until a remove gets through unfaulted.
        const int bound = 30;
        int n = 1;
        for (; n <= bound; n++)
        {
            var applied = Dump(lab);
            var run = lab.RunAgentWith(new Dictionary<string, string> { [FaultVariable] = n.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                "remove", "--config", lab.ConfigPath, "--json");
            if (run.ExitCode == 0)
            {
                using var report = AgentReport.Parse(run);
                Assert.Equal(n - 1, report.Applied);
                break;
            }
            Assert.True(run.ExitCode == 4, $"fault at remove operation {n}: expected exit 4:\n{run}");
            Assert.Equal(applied, Dump(lab));
            Assert.True(File.Exists(stateFile), $"fault at remove operation {n}: state.json is gone though the remove was undone");
        }
        Assert.True(n > 1 && n <= bound, $"remove needed no operation or never got through (n = {n})");
        Assert.Equal(pristine, Dump(lab));
        Assert.False(File.Exists(stateFile), "state.json survived remove");
    }

    [Fact]
    public void LeaseRenewedWithANewAddress_LeavesNoStaleRule()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        const string oldAddress = "100.64.2.10", newAddress = "100.64.2.11";
        Assert.Equal(oldAddress, lab.AddressOf("ens4"));
        Assert.Equal(0, lab.RunAgent("apply", "--config", lab.ConfigPath).ExitCode);
        Assert.Contains(Rules(lab), rule => rule.Str("src") == oldAddress);

        lab.Renew("ens4", 11);
        var run = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");

        Assert.True(run.ExitCode == 0, $"apply after the renumbering failed:\n{run}");
        var rules = Rules(lab);
        Assert.DoesNotContain(rules, rule => rule.Str("src") == oldAddress);
        var fresh = Assert.Single(rules, rule => rule.Str("src") == newAddress && rule.Str("srclen") is null);
        Assert.Equal("200", fresh.Str("protocol"));
        var routes = IpJson.Parse(lab.ExecOk("ip", "-N", "-j", "-4", "route", "show", "table", "all"));
        Assert.DoesNotContain(routes, route => route.Str("prefsrc") == oldAddress);
        using var again = AgentReport.Parse(lab.RunAgent("apply", "--config", lab.ConfigPath, "--json"));
        Assert.Equal(0, again.Applied);
        // The provider's NAT still points at .10, so only ens3's floating IP is expected to answer.
        Assert.All(lab.Probe().Where(probe => probe.Nic == "ens3"), probe => Assert.True(probe.Ok, probe.ToString()));
    }

    /// <summary>The rest of the clash contract: the suppress rule's priority, and a route inside a planned table.</summary>
    [Theory]
    [InlineData("rule", "100")]
    [InlineData("route", "102")]
    public void ForeignObjectWhereBootRouteNeedsIt_Exits4AndChangesNothing(string kind, string where)
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        if (kind == "rule")
        {
            lab.ExecOk("ip", "rule", "add", "priority", where, "from", "100.64.9.9", "lookup", "77", "proto", "static");
        }
        else
        {
            lab.ExecOk("ip", "route", "add", "100.64.60.0/24", "via", "100.64.2.1", "dev", "ens4", "table", where, "proto", "static");
        }
        var before = Dump(lab);

        var run = lab.RunAgent("apply", "--config", lab.ConfigPath);

        Assert.True(run.ExitCode == 4, $"expected exit 4 for a foreign {kind} at {where}:\n{run}");
        Assert.Contains(kind == "rule" ? "100.64.9.9" : "100.64.60.0/24", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Dump(lab));
    }

    private static List<System.Text.Json.JsonElement> Rules(LabInstance lab) =>
        IpJson.Parse(lab.ExecOk("ip", "-N", "-j", "-4", "rule", "show"));
}
