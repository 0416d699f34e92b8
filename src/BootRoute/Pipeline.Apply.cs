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

        // Write-ahead: what this apply removes or overwrites outside its own tags is on disk before the
        // kernel changes, so a run killed half-way still lets `remove` put it back. A record of
        // something the rollback restored anyway is harmless: remove skips what is already there.
        RecordIntent(operations, diagnostics);

        var result = new Applier(services.Netlink, services.RouteCache, services.Sysctl, services.Faults).Apply(operations);
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
        NameTables(plan, diagnostics);
        string applied = operations.Count == 0 ? "already converged, 0 operations" : $"{operations.Count} operations applied";
        if (!settings.Verify.Enabled)
        {
            return Persist(Build(name, ExitCodes.Success, $"{nics}; {applied}; verification off", plan, null, rendered, operations.Count, diagnostics));
        }
        var checks = await new Verifier(services.Netlink, services.Prober, settings.Verify).VerifyAsync(plan, cancellationToken).ConfigureAwait(false);
        bool verified = checks.All(check => check.Passed);
        var report = Build(name, verified ? ExitCodes.Success : ExitCodes.VerificationFailed,
            verified ? $"{nics}; {applied}; every check passed" : $"{nics}; {applied}; {Failures(checks)}",
            plan, checks, rendered, operations.Count, diagnostics);
        // Only an apply that stays is persisted: the files make the network stack recreate it.
        return verified ? Persist(report) : report;
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
