using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// The safety contract of apply/remove on the real kernel, each in its own lab:
/// foreign rules, tables and routes are never touched; a kernel refusal at any operation rolls back to
/// the exact dump; a run killed at any point is repaired by the next one; concurrent runs are
/// serialised by the lock; remove restores the pre-BootRoute dump byte for byte; a renumbered NIC
/// leaves no stale rule; a foreign object where BootRoute needs a priority or table stops the run.
/// Dumps are the full IPv4 `ip rule` and `ip route show table all` (local table included: no test
/// here changes an address while comparing dumps).
/// </summary>
public sealed class LabSafetyTests(ITestOutputHelper output)
{
    private const string FaultVariable = "BOOTROUTE_INJECT_FAULT";
    private const string DelayVariable = "BOOTROUTE_INJECT_DELAY_MS";

    /// <summary>The lab where apply must delete a main default it does not own (dhcpcd's on ens4).</summary>
    private static readonly Dictionary<string, string> DhcpcdOnEns4 = new() { ["LAB_CLIENTS"] = "dhclient dhcpcd" };

    private static string Dump(LabInstance lab) =>
        "# ip -4 rule show\n" + lab.ExecOk("ip", "-4", "rule", "show") +
        "# ip -4 route show table all\n" + lab.ExecOk("ip", "-4", "route", "show", "table", "all");

    private static string[] Apply(LabInstance lab, params string[] extra) => ["apply", "--config", lab.ConfigPath, .. extra];

    private static int PlannedOperations(LabInstance lab) => Plan(lab).Count;

    /// <summary>The planned operations as `ip` commands (`plan --json`).</summary>
    private static IReadOnlyList<string> Plan(LabInstance lab)
    {
        var run = lab.RunAgent("plan", "--config", lab.ConfigPath, "--json");
        Assert.True(run.ExitCode == 0, $"plan failed:\n{run}");
        using var plan = AgentReport.Parse(run);
        Assert.True(plan.Operations.Count > 0, $"plan has no operations:\n{run}");
        return plan.Operations;
    }

    private static int AppliedBy(ProcessResult run, string what)
    {
        Assert.True(run.ExitCode == 0, $"{what} failed:\n{run}");
        using var report = AgentReport.Parse(run);
        return report.Applied;
    }

    private static string StateFile(LabInstance lab) => Path.Combine(lab.LabDir, "state", "state.json");

    private static Dictionary<string, string> Env(string key, int value) =>
        new() { [key] = value.ToString(CultureInfo.InvariantCulture) };

    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void ForeignRulesTablesAndRoutes_SurviveApplyReapplyAndRemove()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        lab.ExecOk("ip", "rule", "add", "priority", "500", "from", "100.64.9.0/24", "lookup", "77", "proto", "static");
        lab.ExecOk("ip", "route", "add", "default", "via", "100.64.1.1", "dev", "ens3", "table", "77");
        lab.ExecOk("ip", "route", "add", "100.64.50.0/24", "via", "100.64.1.1", "dev", "ens3", "proto", "18");

        // Exactly the lines iproute2 prints for them now; numeric (-N) so names BootRoute installs for
        // its own tables/protocol cannot change how they print.
        string Foreign()
        {
            var rules = lab.ExecOk("ip", "-N", "-4", "rule", "show").Split('\n')
                .Where(line => line.Contains("100.64.9.0/24", StringComparison.Ordinal));
            var routes = lab.ExecOk("ip", "-N", "-4", "route", "show", "table", "all").Split('\n')
                .Where(line => line.Contains("table 77", StringComparison.Ordinal) || line.Contains("100.64.50.0/24", StringComparison.Ordinal));
            return string.Join('\n', rules.Concat(routes));
        }
        var added = Foreign();
        Assert.Contains("500:\tfrom 100.64.9.0/24 lookup 77 proto 4", added, StringComparison.Ordinal);
        Assert.Contains("default via 100.64.1.1 dev ens3 table 77", added, StringComparison.Ordinal);
        Assert.Contains("100.64.50.0/24 via 100.64.1.1 dev ens3 proto 18", added, StringComparison.Ordinal);
        Assert.Equal(3, added.Split('\n').Length);

        string[][] steps = [Apply(lab, "--json"), Apply(lab, "--json"), ["remove", "--config", lab.ConfigPath, "--json"]];
        var applied = new List<int>();
        foreach (var step in steps)
        {
            var run = lab.RunAgent(step);
            applied.Add(AppliedBy(run, step[0]));
            Assert.Equal(added, Foreign());
        }
        Assert.True(applied[0] > 0 && applied[1] == 0 && applied[2] > 0,
            $"apply, apply, remove performed {string.Join(", ", applied)} operations (expected >0, 0, >0)");
        // Remove took BootRoute's objects away and only those.
        Assert.DoesNotContain(" proto 200", lab.ExecOk("ip", "-N", "-4", "rule", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain(" proto 200", lab.ExecOk("ip", "-N", "-4", "route", "show", "table", "all"), StringComparison.Ordinal);
    }

    [Fact]
    public void InjectedKernelError_AtEveryOperation_LeavesTheDumpUnchanged()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: DhcpcdOnEns4);
        var plan = Plan(lab);
        int k = plan.Count;
        output.WriteLine($"planned operations: {k}");

        for (int n = 1; n <= k; n++)
        {
            var before = Dump(lab);
            var run = lab.RunAgentWith(Env(FaultVariable, n), Apply(lab));
            Assert.True(run.ExitCode == 4, $"fault injected at operation {n} of {k}: expected exit 4:\n{run}");
            // It is the Nth planned operation that the kernel "refused", and stderr says which.
            Assert.True(run.Stderr.Contains(plan[n - 1], StringComparison.Ordinal),
                $"fault at operation {n}: stderr does not name \"{plan[n - 1]}\":\n{run}");
            Assert.Equal(before, Dump(lab));
        }

        // The kernel is as it was, so a run without the fault does the whole plan.
        Assert.Equal(k, AppliedBy(lab.RunAgent(Apply(lab, "--json")), "apply without a fault"));
    }

    [Fact]
    public async Task KilledAtRandomPoints_ThenANormalRun_Converges()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: DhcpcdOnEns4);
        var pristine = Dump(lab);
        var random = new Random(4242);
        var slow = Env(DelayVariable, 15);
        int killedMidway = 0; // kills that left some but not all operations done

        for (int iteration = 1; iteration <= 20; iteration++)
        {
            int sleep = random.Next(0, 151);
            var atStart = Dump(lab);
            int victimExit;
            using (var victim = lab.StartAgent(slow, Apply(lab)))
            {
                // Drain the pipes so the agent can never block on a full one before the kill.
                var drainOut = victim.StandardOutput.ReadToEndAsync();
                var drainErr = victim.StandardError.ReadToEndAsync();
                Thread.Sleep(sleep);
                try { victim.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } // already done
                Assert.True(victim.WaitForExit(10_000), $"iteration {iteration}: the killed agent did not exit");
                await Task.WhenAll(drainOut, drainErr).WaitAsync(TimeSpan.FromSeconds(10));
                victimExit = victim.ExitCode;
            }
            bool touched = Dump(lab) != atStart;

            var converge = lab.RunAgent(Apply(lab, "--json"));
            Assert.True(converge.ExitCode == 0, $"iteration {iteration}: apply after kill -9 at {sleep} ms failed:\n{converge}");
            int repaired = AppliedBy(converge, "apply after kill -9");
            if (victimExit == 137 && touched && repaired > 0) killedMidway++;
            output.WriteLine($"iteration {iteration}: killed after {sleep} ms (exit {victimExit}), kernel touched: {touched}, next apply performed {repaired}");
            var again = lab.RunAgent(Apply(lab, "--json"));
            Assert.True(AppliedBy(again, "apply after convergence") == 0, $"iteration {iteration}: not converged:\n{again}");

            // Remove after every iteration but every fifth, so nearly every kill lands in a run with
            // work to do (a converged host gives a kill nothing to interrupt); every fifth kill hits a
            // converged host instead.
            if (iteration % 5 != 0)
            {
                var remove = lab.RunAgent("remove", "--config", lab.ConfigPath, "--json");
                Assert.True(remove.ExitCode == 0, $"iteration {iteration}: remove failed:\n{remove}");
                Assert.Equal(pristine, Dump(lab));
            }
        }

        // Otherwise the loop proved nothing about crashes between operations.
        Assert.True(killedMidway >= 5, $"only {killedMidway} of 20 kills landed between two operations");
        Assert.True(lab.RunAgent(Apply(lab)).ExitCode == 0, "final apply failed");
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));
    }

    [Fact]
    public async Task TwoConcurrentApplies_OneWaits_BothEndCorrect()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        int k = PlannedOperations(lab);
        var slow = Env(DelayVariable, 100);

        var runs = new List<(Process Process, Task<string> Stdout, Task<string> Stderr)>();
        try
        {
            for (int i = 0; i < 2; i++)
            {
                var p = lab.StartAgent(slow, Apply(lab, "--json"));
                runs.Add((p, p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync()));
            }
            var results = new List<(int Exit, string Stdout, string Stderr)>();
            foreach (var (p, stdout, stderr) in runs)
            {
                Assert.True(p.WaitForExit(60_000), "a concurrent apply did not finish within 60 s");
                var (so, se) = (await stdout.WaitAsync(TimeSpan.FromSeconds(10)), await stderr.WaitAsync(TimeSpan.FromSeconds(10)));
                results.Add((p.ExitCode, so, se));
                output.WriteLine($"pid {p.Id}: exit {p.ExitCode}\n{so}\n--- stderr ---\n{se}");
            }

            Assert.All(results, r => Assert.True(r.Exit == 0, $"a concurrent apply exited {r.Exit}:\n{r.Stderr}"));
            var applied = results.Select(r => JsonDocument.Parse(r.Stdout).RootElement.GetProperty("applied").GetInt32()).ToList();
            Assert.True(applied.Sum() == k && applied.Min() == 0,
                $"applied {string.Join(" + ", applied)}; expected one run to do all {k} planned operations and the other none");
        }
        finally
        {
            foreach (var (p, _, _) in runs)
            {
                try { if (!p.HasExited) p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                p.Dispose();
            }
        }

        Assert.Equal(0, AppliedBy(lab.RunAgent(Apply(lab, "--json")), "final apply"));
    }

    [Fact]
    public void Remove_RestoresThePreBootRouteDumpExactly()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: DhcpcdOnEns4);
        var before = Dump(lab);
        const string dhcpcdDefault = "default via 100.64.2.1 dev ens4 proto dhcp src 100.64.2.10 metric 1003";
        Assert.Contains(dhcpcdDefault, before, StringComparison.Ordinal);

        Assert.True(AppliedBy(lab.RunAgent(Apply(lab, "--json")), "apply") > 0);
        Assert.DoesNotContain(dhcpcdDefault, Dump(lab), StringComparison.Ordinal); // apply took it away
        Assert.True(File.Exists(StateFile(lab)), "apply removed a main default but recorded no state.json");

        var remove = lab.RunAgent("remove", "--config", lab.ConfigPath, "--json");
        Assert.True(AppliedBy(remove, "remove") > 0, $"remove did nothing:\n{remove}");

        Assert.Equal(before, Dump(lab));
        Assert.False(File.Exists(StateFile(lab)), "state.json survived remove");
    }

    /// <summary>Remove is all or nothing too: a refusal at any of its operations leaves the applied dump.</summary>
    [Fact]
    public void InjectedKernelError_AtEveryRemoveOperation_LeavesTheDumpUnchanged()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: DhcpcdOnEns4);
        var pristine = Dump(lab);
        Assert.True(lab.RunAgent(Apply(lab)).ExitCode == 0, "apply failed");

        // remove has no dry run: fault operation 1, 2, … until a remove gets through unfaulted.
        const int bound = 30;
        int n = 1;
        for (; n <= bound; n++)
        {
            var before = Dump(lab);
            var run = lab.RunAgentWith(Env(FaultVariable, n), "remove", "--config", lab.ConfigPath, "--json");
            if (run.ExitCode == 0)
            {
                Assert.Equal(n - 1, AppliedBy(run, "remove"));
                break;
            }
            Assert.True(run.ExitCode == 4, $"fault at remove operation {n}: expected exit 4:\n{run}");
            Assert.Equal(before, Dump(lab));
            Assert.True(File.Exists(StateFile(lab)), $"fault at remove operation {n}: state.json is gone though the remove was undone");
        }
        Assert.True(n > 1 && n <= bound, $"remove never needed an operation or never got through (n = {n})");
        Assert.Equal(pristine, Dump(lab));
        Assert.False(File.Exists(StateFile(lab)), "state.json survived remove");
    }

    [Fact]
    public void LeaseRenewedWithANewAddress_LeavesNoStaleRule()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        const string oldAddress = "100.64.2.10", newAddress = "100.64.2.11";
        Assert.Equal(oldAddress, lab.AddressOf("ens4"));
        Assert.True(lab.RunAgent(Apply(lab)).ExitCode == 0, "first apply failed");
        Assert.Contains(Rules(lab), rule => rule.Str("src") == oldAddress);

        lab.Renew("ens4", 11);
        var run = lab.RunAgent(Apply(lab, "--json"));
        Assert.True(run.ExitCode == 0, $"apply after the renumbering failed:\n{run}");

        var rules = Rules(lab);
        Assert.DoesNotContain(rules, rule => rule.Str("src") == oldAddress);
        var fresh = Assert.Single(rules, rule => rule.Str("src") == newAddress && rule.Str("srclen") is null);
        Assert.Equal("200", fresh.Str("protocol"));
        var routes = IpJson.Parse(lab.ExecOk("ip", "-N", "-j", "-4", "route", "show", "table", "all"));
        Assert.DoesNotContain(routes, route => route.Str("prefsrc") == oldAddress);

        Assert.Equal(0, AppliedBy(lab.RunAgent(Apply(lab, "--json")), "apply after convergence"));
        // The provider's NAT still points at .10, so only ens3's floating IP is expected to answer.
        var probe = lab.Probe();
        Assert.All(probe.Where(p => p.Nic == "ens3"), p => Assert.True(p.Ok, p.ToString()));
    }

    [Fact]
    public void ForeignRuleAtBootRoutesPriority_Exits4AndChangesNothing()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        lab.ExecOk("ip", "rule", "add", "priority", "101", "from", "100.64.9.9", "lookup", "77", "proto", "static");
        var before = Dump(lab);

        var run = lab.RunAgent(Apply(lab));

        Assert.True(run.ExitCode == 4, $"expected exit 4:\n{run}");
        Assert.True(run.Stderr.Contains("101", StringComparison.Ordinal) && run.Stderr.Contains("100.64.9.9", StringComparison.Ordinal),
            $"stderr does not name the foreign rule at priority 101:\n{run}");
        Assert.Equal(before, Dump(lab));
    }

    /// <summary>The rest of the clash contract: the suppress rule's priority and a planned table.</summary>
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

        var run = lab.RunAgent(Apply(lab));

        Assert.True(run.ExitCode == 4, $"expected exit 4 for a foreign {kind} at {where}:\n{run}");
        var named = kind == "rule" ? "100.64.9.9" : "100.64.60.0/24";
        Assert.True(run.Stderr.Contains(named, StringComparison.Ordinal), $"stderr does not name the foreign {kind}:\n{run}");
        Assert.Equal(before, Dump(lab));
    }

    private static List<JsonElement> Rules(LabInstance lab) =>
        IpJson.Parse(lab.ExecOk("ip", "-N", "-j", "-4", "rule", "show"));
}
