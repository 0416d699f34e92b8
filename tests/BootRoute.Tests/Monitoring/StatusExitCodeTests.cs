using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Reporting;
using BootRoute.Stages;
using BootRoute.Tests.Persistence;
using BootRoute.Tests.Planning;
using Xunit;

namespace BootRoute.Tests.Monitoring;

/// <summary>
/// Issue 17: status is a health check a script can trust by its exit code: 0 in sync with a last run
/// whose checks passed, 6 when the kernel drifted from the plan, 1 when the last run's checks failed.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class StatusExitCodeTests
{
    private const string PassedRun = """{ "command": "apply", "exitCode": 0, "summary": "x", "interfaces": [ { "name": "ens3", "checks": [ { "name": "gateway", "passed": true } ] } ] }""";
    private const string FailedRun = """{ "command": "verify", "exitCode": 1, "summary": "x", "interfaces": [ { "name": "ens3", "checks": [ { "name": "gateway", "passed": true } ] }, { "name": "ens4", "checks": [ { "name": "gateway", "passed": true }, { "name": "floating", "passed": false } ] } ] }""";

    private static Planned PlanFor(HostSnapshot snapshot, SampleHost host) =>
        new PlanStage(SampleHost.Automatic, null).Run(new Discovered(snapshot, host.Leases, []), persist: false).Planned!;

    private static Planned Converged()
    {
        var host = SampleHost.TwoNics();
        return PlanFor(DiffTests.Converged(host.Snapshot, PlanFor(host.Snapshot, host).Operations), host);
    }

    [Fact]
    public void In_sync_with_a_last_run_that_passed_exits_0()
    {
        var report = RunReports.ForStatus(Converged(), LastRun.Parse(PassedRun));

        Assert.Equal(ExitCodes.Success, report.ExitCode);
        Assert.EndsWith("; in sync", report.Summary, StringComparison.Ordinal);
        Assert.False(report.Owned!.Drift);
        Assert.DoesNotContain("nothing changed", HumanReport.Format(report), StringComparison.Ordinal);
    }

    [Fact]
    public void In_sync_before_any_run_exits_0()
    {
        Assert.Equal(ExitCodes.Success, RunReports.ForStatus(Converged(), null).ExitCode);
    }

    [Fact]
    public void A_missing_rule_is_drift_exit_6_naming_the_rule_to_add_back()
    {
        var host = SampleHost.TwoNics();
        var converged = DiffTests.Converged(host.Snapshot, PlanFor(host.Snapshot, host).Operations);
        var lost = converged.Rules.Single(rule => rule.Priority == 102 && rule.Protocol == RouteProtocols.BootRoute);

        var report = RunReports.ForStatus(PlanFor(converged with { Rules = converged.Rules.Where(rule => rule != lost).ToList() }, host), LastRun.Parse(PassedRun));

        Assert.Equal(ExitCodes.Drifted, report.ExitCode);
        Assert.EndsWith("; drift: 1 operation would converge", report.Summary, StringComparison.Ordinal);
        Assert.Equal(["ip rule add priority 102 from 100.64.2.10 lookup 102 proto 200"], report.Operations);
        string text = HumanReport.Format(report);
        Assert.Contains("# operations apply would run to converge:\n#   ip rule add priority 102 from 100.64.2.10 lookup 102 proto 200\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("applied", text, StringComparison.Ordinal);
    }

    [Fact]
    public void In_sync_after_a_run_whose_checks_failed_exits_1_naming_them()
    {
        var report = RunReports.ForStatus(Converged(), LastRun.Parse(FailedRun));

        Assert.Equal(ExitCodes.VerificationFailed, report.ExitCode);
        Assert.EndsWith("; in sync; the last verify failed ens4 floating", report.Summary, StringComparison.Ordinal);
        Assert.Contains("# last run (status.json): verify, exit 1, failed: ens4 floating\n", HumanReport.Format(report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_check_of_a_nic_managed_in_ipv6_only_counts_too()
    {
        const string run = """{ "command": "apply", "exitCode": 1, "summary": "x", "interfaces": [ { "name": "ens3", "checks": [ { "name": "gateway", "passed": true } ] } ], "ipv6OnlyInterfaces": [ { "name": "ens4", "checks": [ { "name": "gateway", "passed": false } ] } ] }""";

        var report = RunReports.ForStatus(Converged(), LastRun.Parse(run));

        Assert.Equal(ExitCodes.VerificationFailed, report.ExitCode);
        Assert.EndsWith("; the last apply failed ens4 gateway", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Drift_outranks_failed_checks()
    {
        var host = SampleHost.TwoNics();

        Assert.Equal(ExitCodes.Drifted, RunReports.ForStatus(PlanFor(host.Snapshot, host), LastRun.Parse(FailedRun)).ExitCode);
    }

    [Fact]
    public void Nothing_to_manage_is_not_said_as_nothing_changed()
    {
        var host = SampleHost.TwoNics().WithoutLease("ens3").WithoutLease("ens4");
        var outcome = Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases);

        var report = RunReports.Unplanned("status", new Discovered(host.Snapshot, host.Leases, []), outcome);

        Assert.StartsWith("nothing to manage: ", report.Summary, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NothingToManage, report.ExitCode);
        // Each problem once on stdout (the header), not again as a note.
        string text = HumanReport.Format(report);
        Assert.All(report.Problems!, problem => Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, System.Text.RegularExpressions.Regex.Escape(problem))));
    }

    [Fact]
    public void A_status_file_that_is_not_a_report_is_said_and_not_trusted()
    {
        using var directory = new ScratchRoot();
        File.WriteAllText(Path.Combine(directory.Path, "status.json"), "{ \"command\": 3 ");

        var last = LastRun.Read(directory.Path);

        Assert.NotNull(last);
        Assert.Contains("status.json: not a report", last.Unreadable, StringComparison.Ordinal);
        Assert.Empty(last.FailedChecks);
        var report = RunReports.ForStatus(Converged(), last);
        Assert.Equal(ExitCodes.Success, report.ExitCode);
        Assert.Contains(report.Diagnostics, note => note.StartsWith("last run unknown: ", StringComparison.Ordinal));
    }

    [Fact]
    public void No_status_file_is_no_last_run_and_a_real_one_reads_back()
    {
        using var directory = new ScratchRoot();
        Assert.Null(LastRun.Read(directory.Path));

        StatusFile.Write(directory.Path, RunReports.ForStatus(Converged(), null) with
        {
            Interfaces = [new InterfaceReport { Name = "ens\u001b4", Address = "a", PrefixLength = 24, Gateway = "g", Table = 1, Priority = 1, Primary = false, LeaseSource = "x", Checks = [new CheckReport("gateway", "g", false, "d", 1)] }],
        });

        var last = LastRun.Read(directory.Path)!;
        Assert.Equal(("status", 0, null), (last.Command, last.ExitCode, last.Unreadable));
        Assert.Equal(["ens\\x1b4 gateway"], last.FailedChecks);
    }
}
