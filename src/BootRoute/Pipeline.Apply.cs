using BootRoute.Apply;
using BootRoute.Cli;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Reporting;
using BootRoute.State;
using BootRoute.Verification;

namespace BootRoute;

public sealed partial class Pipeline
{
    private async Task<Report> ApplyAsync(
        string name, string nics, RoutingPlan plan, HostSnapshot snapshot, IReadOnlyList<Operation> operations, List<string> rendered,
        List<string> diagnostics, CancellationToken cancellationToken)
    {
        var clashes = Clashes.Find(plan, snapshot, _persistence.Carried);
        if (clashes.Count > 0)
        {
            diagnostics.AddRange(clashes);
            return Build(name, ExitCodes.ApplyFailed, $"nothing changed: {string.Join("; ", clashes)}", plan, null, rendered, 0, diagnostics)
                with { Problems = clashes };
        }

        var verifier = new Verifier(services.Netlink, services.Prober, settings.Verify);
        // The rollback guard needs to know what worked before: only a probe that passed now and fails
        // after the apply proves the apply cut the operator off. A no-op run changes nothing to guard.
        var before = settings.Verify is { Enabled: true, Rollback: true } && operations.Count > 0
            ? await verifier.ProbePrimaryPathAsync(plan, cancellationToken).ConfigureAwait(false)
            : null;

        // Write-ahead: what this apply removes or overwrites outside its own tags is on disk before the
        // kernel changes, so a run killed half-way still lets `remove` put it back. A record of
        // something the rollback restored anyway is harmless: remove skips what is already there.
        RecordIntent(operations, diagnostics);

        var applier = new Applier(services.Netlink, services.RouteCache, services.Sysctl, services.Faults);
        var result = applier.Apply(operations);
        if (!result.Succeeded)
        {
            diagnostics.AddRange(result.RollbackErrors);
            string state = result.RollbackErrors.Count == 0
                ? "everything already applied was rolled back"
                : "ROLLBACK INCOMPLETE, see diagnostics";
            return Build(name, ExitCodes.ApplyFailed,
                $"apply failed at \"{result.FailedOperation!.ToIpCommand()}\": {result.Error}; {state}",
                plan, null, rendered, 0, diagnostics);
        }
        string applied = operations.Count == 0 ? "already converged, 0 operations" : $"{operations.Count} operations applied";
        if (!settings.Verify.Enabled)
        {
            NameTables(plan, diagnostics);
            return Persist(Build(name, ExitCodes.Success, $"{nics}; {applied}; verification off", plan, null, rendered, operations.Count, diagnostics));
        }
        var verification = await verifier.VerifyAsync(plan, cancellationToken).ConfigureAwait(false);
        if (before is not null && PathRegression.Find(before, verification.PrimaryPath) is { Count: > 0 } lost)
        {
            return await RollBackAsync(name, nics, plan, verifier, applier, result.Applied, before, lost, verification, rendered, diagnostics, cancellationToken)
                .ConfigureAwait(false);
        }
        NameTables(plan, diagnostics);
        var report = Build(name, verification.Passed ? ExitCodes.Success : ExitCodes.VerificationFailed,
            verification.Passed ? $"{nics}; {applied}; every check passed" : $"{nics}; {applied}; {Failures(verification)}",
            plan, verification, rendered, operations.Count, diagnostics);
        // Only a verified apply is persisted (never a rolled-back one): the files make the network
        // stack recreate it on its own.
        return verification.Passed ? Persist(report) : report;
    }

    /// <summary>
    /// The apply cut the primary NIC's path (<c>verify.rollback</c>): undo all of it, last first, then
    /// probe the path again so the report can say whether the instance is reachable as before.
    /// </summary>
    private static async Task<Report> RollBackAsync(
        string name, string nics, RoutingPlan plan, Verifier verifier, Applier applier, IReadOnlyList<Operation> applied,
        IReadOnlyList<PathCheck> before, IReadOnlyList<string> lost, VerificationResult verification, List<string> rendered,
        List<string> diagnostics, CancellationToken cancellationToken)
    {
        var errors = applier.Undo(applied);
        diagnostics.AddRange(errors);
        var after = await verifier.ProbePrimaryPathAsync(plan, cancellationToken).ConfigureAwait(false);
        bool restored = errors.Count == 0 && PathRegression.Find(before, after).Count == 0;
        string outcome = errors.Count > 0 ? "ROLLBACK INCOMPLETE, see diagnostics"
            : restored ? "the kernel is as before and the primary path answers again"
            : "the kernel is as before, but the primary path still does not answer";
        return Build(name, ExitCodes.VerificationFailed,
                $"{nics}; the apply cut {plan.Primary.Name}'s path ({string.Join("; ", lost)}); rolled back {applied.Count} operations: {outcome}",
                plan, verification, rendered, 0, diagnostics)
            with { Rollback = new RollbackReport(lost, applied.Count, errors, restored) };
    }

    // Names only make `ip route`/`ip rule` output readable; a read-only /etc must not fail the run.
    private void NameTables(RoutingPlan plan, List<string> diagnostics)
    {
        try
        {
            services.Names?.Write(plan);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"could not name the tables in /etc/iproute2: {error.Message}");
        }
    }

    private void RecordIntent(IReadOnlyList<Operation> operations, List<string> diagnostics)
    {
        if (services.State is not { } store)
        {
            return;
        }
        var removedDefaults = operations.OfType<RouteDelete>().Select(delete => delete.Route)
            .Concat(operations.OfType<RouteReplace>().Select(replace => replace.Previous))
            .Where(route => route.Protocol != RouteProtocols.BootRoute && route.Table == RoutingTables.Main && route.IsDefault)
            .ToList();
        var sysctls = operations.OfType<SysctlSet>().Select(set => new SysctlOriginal(set.Key, set.Previous)).ToList();
        if (removedDefaults.Count == 0 && sysctls.Count == 0)
        {
            return;
        }
        AppliedState recorded;
        try
        {
            recorded = store.Load();
        }
        catch (StateException error)
        {
            // Losing older restore records is better than leaving the instance's routing broken at boot.
            diagnostics.Add($"{error.Message}; starting a new one");
            recorded = AppliedState.Empty;
        }
        store.Save(recorded.Including(removedDefaults, sysctls));
    }
}
