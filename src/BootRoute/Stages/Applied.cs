using BootRoute.Apply;
using BootRoute.Model;
using BootRoute.Verification;

namespace BootRoute.Stages;

/// <summary>
/// What the apply stage did with a <see cref="Planned"/>: the kernel's answer, the primary path as it
/// was probed before the change (for the rollback guard; null when the guard is off or there was
/// nothing to change), and the stage's diagnostics (state-file notes, refused undos).
/// </summary>
public sealed record Applied(Planned Planned, ApplyResult Result, IReadOnlyList<PathCheck>? PathBefore, IReadOnlyList<string> Diagnostics)
{
    public string Summary => Planned.Operations.Count == 0 ? "already converged, 0 operations" : $"{Counted.Of(Planned.Operations.Count, "operation")} applied";
}
