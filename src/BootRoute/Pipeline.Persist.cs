using BootRoute.Model;
using BootRoute.Persistence;
using BootRoute.Planning;
using BootRoute.Reporting;

namespace BootRoute;

/// <summary>
/// The persist stage: writes the image's network stack's own configuration so that BootRoute's routing
/// survives that stack reconfiguring itself (docs/design.md, "Persistence"). Planned with the rest of
/// the run (so plan shows the file diffs and the diff knows what the stack recreates), written only for
/// an apply that stays, reverted by remove.
/// </summary>
public sealed partial class Pipeline
{
    private PersistencePlan _persistence = PersistencePlan.Nothing;

    /// <summary>Detects the stacks and computes the file changes; reads files, writes none.</summary>
    private PersistencePlan PlanPersistence(RoutingPlan plan, HostSnapshot snapshot, List<string> diagnostics)
    {
        if (services.Persister is not { } persister)
        {
            return PersistencePlan.Nothing;
        }
        try
        {
            _persistence = persister.Plan(plan, snapshot, settings.Persist.Backend);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"cannot read the network stack's configuration under {persister.Files.Root}: {error.Message}; not persisting");
            _persistence = PersistencePlan.Nothing;
        }
        diagnostics.AddRange(_persistence.Notes);
        return _persistence;
    }

    /// <summary>
    /// Writes the planned file changes. Call only for an apply that is kept (verified, or verification
    /// off): the files make the stack recreate this state on its own.
    /// </summary>
    private Report Persist(Report report)
    {
        if (services.Persister is not { } persister)
        {
            return report;
        }
        var result = persister.Write(_persistence.Changes);
        var persisted = report with
        {
            Persistence = ToReport(_persistence.Targets, result.Succeeded ? result.Written : _persistence.Changes, result.Succeeded),
            Diagnostics = [.. report.Diagnostics, .. result.Notes],
        };
        if (!result.Succeeded)
        {
            string problem = $"the routing is applied but not persisted: {result.Error}; nothing was written";
            return persisted with { Summary = $"{report.Summary}; NOT persisted", Problems = [.. report.Problems ?? [], problem] };
        }
        return result.Written.Count == 0 ? persisted : persisted with { Summary = $"{report.Summary}; persisted: {result.Written.Count} file(s) changed" };
    }

    /// <summary>`remove`: takes BootRoute's files and blocks out of the image's network configuration.</summary>
    private Report RevertPersisted(Report report)
    {
        if (services.Persister is not { } persister)
        {
            return report;
        }
        PersistencePlan revert;
        try
        {
            revert = persister.PlanRevert();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return report with { Problems = [$"cannot read the network stack's configuration under {persister.Files.Root}: {error.Message}"] };
        }
        var result = persister.Write(revert.Changes);
        var reverted = report with
        {
            Persistence = ToReport([], result.Succeeded ? result.Written : revert.Changes, result.Succeeded),
            Diagnostics = [.. report.Diagnostics, .. revert.Notes, .. result.Notes],
        };
        return result.Succeeded
            ? reverted
            : reverted with { Summary = $"{report.Summary}; persisted files NOT reverted", Problems = [$"could not revert the persisted files: {result.Error}; none was changed"] };
    }

    /// <summary>
    /// Removes every file and block BootRoute persisted under <paramref name="root"/>, whatever backend
    /// wrote them: for <c>uninstall --root</c>, which has no routing plan.
    /// </summary>
    public static PersistResult RevertPersistence(string root)
    {
        var persister = new Persister(new RootFileSystem(root));
        var revert = persister.PlanRevert();
        var result = persister.Write(revert.Changes);
        return result with { Notes = [.. revert.Notes, .. result.Notes] };
    }

    /// <summary>Files are named where they really are: under persist.root when that is not "/".</summary>
    private PersistenceReport ToReport(IReadOnlyList<StackTarget> targets, IReadOnlyList<FileChange> changes, bool written)
    {
        var files = services.Persister!.Files;
        return new PersistenceReport(
            targets.Select(target => new StackChoice(target.Interface, target.Backend.Name(), target.Reason)).ToList(),
            changes.Select(change => new FileChangeReport(files.Describe(change.Path), change.Action, change.Diff(files.Describe(change.Path)))).ToList(),
            written);
    }

    private PersistenceReport? PendingPersistence() => services.Persister is null ? null : ToReport(_persistence.Targets, _persistence.Changes, written: false);

    /// <summary>For plan and status summaries: how many files apply would change.</summary>
    private string PendingFiles() => _persistence.Changes.Count == 0 ? "" : $"; {_persistence.Changes.Count} file(s) to persist";
}
