using BootRoute.Model;
using BootRoute.Persistence;
using BootRoute.Reporting;

namespace BootRoute.Stages;

/// <summary>The <c>persistence</c> part of a report, with files named where they really are (under persist.root when that is not "/").</summary>
public static class PersistenceReports
{
    public static PersistenceReport For(IRootFileSystem files, IReadOnlyList<StackTarget> targets, IReadOnlyList<FileChange> changes, bool written) =>
        new(
            targets.Select(target => new StackChoice(target.Interface, target.Backend.Name(), target.Reason)).ToList(),
            changes.Select(change => new FileChangeReport(files.Describe(change.Path), change.Action, change.Diff(files.Describe(change.Path)))).ToList(),
            written);
}
