using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Reporting;
using BootRoute.Verification;

namespace BootRoute.Stages;

/// <summary>
/// Turns the last stage record of a run into its <see cref="Report"/>: the summary line, the exit code
/// and the diagnostics every stage on the way gathered, in stage order.
/// </summary>
public static class RunReports
{
    public static Report Unplanned(string command, Discovered discovered, PlanningOutcome outcome) => outcome switch
    {
        PlanningOutcome.Failed failed => new Report(command, WithHeld(ExitCodes.NothingToManage, outcome.Held), $"{Unchanged(command)}: {string.Join("; ", failed.Problems)}")
        {
            // The summary already says each problem (and stderr, for logs): a note would say it a third time.
            Diagnostics = [.. discovered.Diagnostics.Where(note => !failed.Problems.Contains(note, StringComparer.Ordinal)),
                .. outcome.Notes.Except(failed.Problems, StringComparer.Ordinal)],
            Problems = failed.Problems,
            Held = HeldReports(outcome.Held),
        },
        PlanningOutcome.NothingToDo nothing => new Report(command, WithHeld(ExitCodes.Success, outcome.Held), outcome.Held.Count == 0
            ? $"nothing to do: {nothing.Reason}"
            : $"{Unchanged(command)}: {string.Join("; ", outcome.Held.Select(nic => nic.Reason))}; {nothing.Reason}")
        {
            Diagnostics = [.. discovered.Diagnostics, .. outcome.Notes],
            Problems = outcome.Held.Count == 0 ? null : outcome.Held.Select(nic => nic.Reason).ToList(),
            Held = HeldReports(outcome.Held),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a planned outcome has a plan to report"),
    };

    /// <summary>status changes nothing, ever: it must not say so as if it might have.</summary>
    private static string Unchanged(string command) => command == "status" ? "nothing to manage" : "nothing changed";

    /// <summary>
    /// What apply would do: with a foreign object in the plan's way, the same clash lines and exit code
    /// apply would give, and no commands (apply would run none of them).
    /// </summary>
    public static Report ForPlan(Planned planned) => planned.Clashes.Count > 0 ? Clashed(planned, "plan") :
        Build("plan", ExitCodes.Success,
            (planned.Operations.Count == 0 ? $"{planned.Headline}; the kernel already matches the plan" : $"{planned.Headline}; {Counted.Of(planned.Operations.Count, "operation")}")
            + PendingFiles(planned), planned, null, Gathered(planned)) with { Persistence = planned.PendingFiles };

    /// <summary>
    /// What BootRoute owns now against the plan, and the last run's checks from status.json: exit
    /// <see cref="ExitCodes.Drifted"/> when operations would converge the kernel, else 1 when the last
    /// apply or verify had a failed check, else 0, so a script or timer can use status as a health check.
    /// </summary>
    public static Report ForStatus(Planned planned, LastRun? lastRun = null)
    {
        var snapshot = planned.Discovered.Snapshot;
        // IPv6's after IPv4's, marked as `ip -6` would need them: "from all" alone does not say which list a rule is in.
        var owned = new OwnedState(
            snapshot.Rules.Concat(snapshot.IPv6.Rules).Where(rule => rule.Protocol == RouteProtocols.BootRoute)
                .Select(rule => rule.IsIPv6 ? $"-6 {rule}" : rule.ToString()).ToList(),
            snapshot.Routes.Concat(snapshot.IPv6.Routes).Where(route => route.Protocol == RouteProtocols.BootRoute)
                .Select(route => route.Destination.IsIPv6() ? $"-6 {route}" : route.ToString()).ToList(),
            planned.Operations.Count > 0) { LastRun = lastRun };
        var failedChecks = lastRun?.FailedChecks ?? [];
        int exitCode = owned.Drift ? ExitCodes.Drifted : failedChecks.Count > 0 ? ExitCodes.VerificationFailed : ExitCodes.Success;
        string summary = (owned.Drift ? $"{planned.Headline}; drift: {Counted.Of(planned.Operations.Count, "operation")} would converge" : $"{planned.Headline}; in sync")
            + (failedChecks.Count > 0 ? $"; the last {lastRun!.Command} failed {string.Join(", ", failedChecks)}" : "")
            + PendingFiles(planned);
        var notes = lastRun?.Unreadable is { } unreadable ? [.. Gathered(planned), $"last run unknown: {unreadable}"] : Gathered(planned);
        return Build("status", exitCode, summary, planned, null, notes) with { Owned = owned, Persistence = planned.PendingFiles };
    }

    public static Report ForVerify(Planned planned, VerificationResult checks) =>
        Build("verify", checks.Passed ? ExitCodes.Success : ExitCodes.VerificationFailed,
            checks.Passed ? $"{planned.Headline}; every check passed" : $"{planned.Headline}; {Failures(checks)}",
            planned, checks, [.. Gathered(planned), .. checks.Notes]);

    public static Report Clashed(Planned planned, string command = "apply") =>
        Build(command, ExitCodes.ApplyFailed, $"nothing changed: {string.Join("; ", planned.Clashes)}", planned, null,
            [.. Gathered(planned), .. planned.Clashes]) with { Problems = planned.Clashes, Operations = [] };

    public static Report ApplyFailed(Applied applied)
    {
        string state = applied.Result.RollbackErrors.Count == 0 ? "everything already applied was rolled back" : "ROLLBACK INCOMPLETE, see diagnostics";
        return Build("apply", ExitCodes.ApplyFailed,
            $"apply failed at \"{applied.Result.FailedOperation!.ToIpCommand()}\": {applied.Result.Error}; {state}",
            applied.Planned, null, Gathered(applied));
    }

    public static Report RolledBack(Verified verified)
    {
        var (planned, rollback) = (verified.Applied.Planned, verified.Rollback!);
        string outcome = rollback.Errors.Count > 0 ? "ROLLBACK INCOMPLETE, see diagnostics"
            : rollback.Restored ? "the kernel is as before and the primary path answers again"
            : "the kernel is as before, but the primary path still does not answer";
        return Build("apply", ExitCodes.VerificationFailed,
                $"{planned.Headline}; the apply cut {planned.Plan.Primary.Name}'s path ({string.Join("; ", rollback.Lost)}); rolled back {Counted.Of(rollback.Undone, "operation")}: {outcome}",
                planned, verified.Checks, [.. Gathered(verified.Applied), .. verified.Diagnostics])
            with { Rollback = rollback, ExitCode = ExitCodes.VerificationFailed };
    }

    /// <summary>
    /// An exception no stage turned into a report, before the kernel was changed or after an apply
    /// that undid itself on the way out: the report and status.json still say exit 70, so monitoring
    /// does not go on showing the last good run.
    /// </summary>
    public static Report Unexpected(AgentCommand command, Exception error) =>
        new(command.ToString().ToLowerInvariant(), ExitCodes.InternalError,
            $"internal error: {InternalErrors.Describe(error)}; no change of this run's is left in the kernel");

    /// <summary>An exception after a successful apply, which was then undone (<paramref name="undoErrors"/>: what the kernel refused to undo).</summary>
    public static Report InternalError(Applied applied, Exception error, IReadOnlyList<string> undoErrors)
    {
        string state = undoErrors.Count == 0
            ? $"the {Counted.Of(applied.Result.Applied.Count, "operation")} applied {(applied.Result.Applied.Count == 1 ? "was" : "were")} undone; the kernel is as before"
            : "ROLLBACK INCOMPLETE, see diagnostics";
        return Build("apply", ExitCodes.InternalError,
            $"internal error after the kernel was changed: {InternalErrors.Describe(error)}; {state}",
            applied.Planned, null, [.. Gathered(applied), .. undoErrors]);
    }

    public static Report ForApply(Persisted persisted)
    {
        var verified = persisted.Verified;
        var planned = verified.Applied.Planned;
        string checks = verified.Checks is null ? "verification off" : verified.Passed ? "every check passed" : Failures(verified.Checks);
        var report = Build("apply", verified.Passed ? ExitCodes.Success : ExitCodes.VerificationFailed,
            $"{planned.Headline}; {verified.Applied.Summary}; {checks}", planned, verified.Checks,
            [.. Gathered(verified.Applied), .. verified.Diagnostics, .. persisted.Diagnostics]) with { Applied = planned.Operations.Count, Persistence = persisted.Files };
        return persisted switch
        {
            { Failure: { } failure } => report with { Summary = $"{report.Summary}; NOT persisted", Problems = [.. report.Problems ?? [], failure] },
            { Written: > 0 } => report with { Summary = $"{report.Summary}; persisted: {Counted.Of(persisted.Written, "file")} changed" },
            _ => report,
        };
    }

    private static IReadOnlyList<string> Gathered(Planned planned) => [.. planned.Discovered.Diagnostics, .. planned.Diagnostics];

    private static IReadOnlyList<string> Gathered(Applied applied) => [.. Gathered(applied.Planned), .. applied.Diagnostics];

    private static string Failures(VerificationResult verification) =>
        "verification failed on " + string.Join(", ", verification.FailedInterfaces);

    /// <summary>For plan and status summaries: how many files apply would change.</summary>
    private static string PendingFiles(Planned planned) =>
        planned.Persistence.Changes.Count == 0 ? "" : $"; {Counted.Of(planned.Persistence.Changes.Count, "file")} to persist";

    private static Report Build(
        string command, int exitCode, string summary, Planned planned, VerificationResult? checks, IReadOnlyList<string> diagnostics)
    {
        var interfaces = planned.Plan.Interfaces.Select(nic =>
        {
            var verification = checks?.Interfaces.FirstOrDefault(check => check.Interface == nic.Name);
            var floatingIp = nic.FloatingIp ?? checks?.DiscoveredFloatingIps.GetValueOrDefault(nic.Name);
            return new InterfaceReport
            {
                Name = nic.Name,
                Address = nic.Address.ToString(),
                PrefixLength = nic.PrefixLength,
                Gateway = nic.Gateway.ToString(),
                Table = nic.Table,
                Priority = nic.Priority,
                Primary = nic.IsPrimary,
                FloatingIp = floatingIp?.ToString(),
                LeaseSource = nic.Lease.Source,
                Verified = verification?.Passed,
                Checks = CheckReports(verification),
                IPv6 = IPv6Of(planned.Plan.IPv6, nic.Name),
            };
        }).ToList();
        var held = planned.Plan.Held;
        return new Report(command, WithHeld(exitCode, held), held.Count == 0 ? summary : $"{summary}; not managed: {string.Join(", ", held.Select(nic => nic.Name))}")
        {
            Primary = planned.Plan.Primary.Name,
            Interfaces = interfaces,
            IPv6OnlyInterfaces = IPv6Only(planned.Plan, checks),
            Held = HeldReports(held),
            Problems = held.Count == 0 ? null : held.Select(nic => nic.Reason).ToList(),
            Operations = planned.Commands,
            Diagnostics = diagnostics,
        };
    }

    /// <summary>The IPv6 half's NICs that the IPv4 half does not manage.</summary>
    private static List<IPv6OnlyInterfaceReport> IPv6Only(RoutingPlan plan, VerificationResult? checks) =>
        (plan.IPv6?.Interfaces ?? []).Where(nic => plan.Interfaces.All(managed => managed.Name != nic.Name)).Select(nic =>
        {
            var verification = checks?.Interfaces.FirstOrDefault(check => check.Interface == nic.Name);
            return new IPv6OnlyInterfaceReport
            {
                Name = nic.Name,
                Table = nic.Table,
                Priority = nic.Priority,
                IPv6 = IPv6Of(plan.IPv6, nic.Name)!,
                Verified = verification?.Passed,
                Checks = CheckReports(verification),
            };
        }).ToList();

    private static List<CheckReport> CheckReports(InterfaceVerification? verification) =>
        verification?.Checks.Select(check => new CheckReport(check.Name, check.Target, check.Passed, check.Detail, check.Milliseconds)).ToList() ?? [];

    private static IPv6Report? IPv6Of(RoutingPlan? ipv6, string name) =>
        ipv6?.Interfaces.FirstOrDefault(nic => nic.Name == name) is not { } nic ? null : new IPv6Report(
            nic.Addresses.Select(address => address.ToString()).ToList(),
            ipv6.Rules.Where(rule => rule.Table == nic.Table && rule.Source is not null).Select(rule => rule.Source!.Value.ToString()).ToList(),
            nic.Gateway.ToString(),
            nic.IsPrimary);

    /// <summary>
    /// A held NIC makes a run that otherwise succeeded, or only failed a check, exit 4 when the kernel
    /// refused its operation and 3 when its data was bad: a NIC not managed at all outranks one that
    /// does not answer. Exit codes that say the whole run failed (4, 70) stay.
    /// </summary>
    private static int WithHeld(int exitCode, IReadOnlyList<HeldInterface> held) =>
        exitCode is not (ExitCodes.Success or ExitCodes.VerificationFailed or ExitCodes.NothingToManage) || held.Count == 0 ? exitCode
        : held.Any(nic => nic.RefusedByKernel) ? ExitCodes.ApplyFailed
        : ExitCodes.NothingToManage;

    private static List<HeldReport> HeldReports(IReadOnlyList<HeldInterface> held) =>
        held.Select(nic => new HeldReport(nic.Name, nic.Reason, nic.Table, nic.Priority, nic.RefusedByKernel)).ToList();
}
