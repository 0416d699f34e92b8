using BootRoute.Reporting;
using BootRoute.Verification;

namespace BootRoute.Stages;

/// <summary>
/// Verification after an apply (<c>verify.enabled</c>), and the rollback rule (<c>verify.rollback</c>):
/// a probe of the primary NIC's path that answered before the apply and fails after it means the apply
/// cut the operator off, so all of it is undone, last first, and the path is probed again so the report
/// can say whether the instance is reachable as before.
/// </summary>
public sealed class VerifyStage(bool enabled, AgentServices services, Verifier verifier)
{
    public async Task<Verified> RunAsync(Applied applied, CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return new Verified(applied, null, null, []);
        }
        var checks = await verifier.VerifyAsync(applied.Planned.Plan, cancellationToken).ConfigureAwait(false);
        if (applied.PathBefore is not { } before || PathRegression.Find(before, checks.PrimaryPath) is not { Count: > 0 } lost)
        {
            return new Verified(applied, checks, null, checks.Notes);
        }
        var errors = services.Applier().Undo(applied.Result.Applied);
        var notes = new List<string>(errors);
        bool restored;
        try
        {
            var after = await verifier.ProbePrimaryPathAsync(applied.Planned.Plan, cancellationToken).ConfigureAwait(false);
            restored = errors.Count == 0 && PathRegression.Find(before, after).Count == 0;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The kernel is already put back: a fault in the second probe must not reach the pipeline's
            // guard, which would undo the same operations again and report that undo as refused.
            notes.Add($"the primary path could not be probed after the rollback: {InternalErrors.Describe(error)}");
            restored = false;
        }
        return new Verified(applied, checks, new RollbackReport(lost, applied.Result.Applied.Count, errors, restored), [.. notes, .. checks.Notes]);
    }
}
