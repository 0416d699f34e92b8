using BootRoute.Planning;

namespace BootRoute.Persistence;

/// <summary>
/// What persisting one routing plan means for the image's network stack: the stack chosen for each
/// NIC (and why), the file changes, what could not be expressed or was refused, and which of
/// BootRoute's objects the stack recreates (for the diff, see <see cref="CarriedObjects"/>).
/// </summary>
public sealed record PersistencePlan(
    IReadOnlyList<StackTarget> Targets,
    IReadOnlyList<FileChange> Changes,
    IReadOnlyList<string> Notes,
    CarriedObjects Carried)
{
    public static PersistencePlan Nothing { get; } = new([], [], [], CarriedObjects.None);
}

/// <summary>What writing a <see cref="PersistencePlan"/> did: the changes made, or the one that failed (then none stays made).</summary>
public sealed record PersistResult(IReadOnlyList<FileChange> Written, string? Error, IReadOnlyList<string> Notes)
{
    public bool Succeeded => Error is null;
}
