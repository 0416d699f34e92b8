using BootRoute.Reporting;
using BootRoute.Verification;

namespace BootRoute.Stages;

/// <summary>
/// What verification made of an <see cref="Applied"/>: the checks (null with verification off) and,
/// when the apply cut the primary NIC's path, the rollback that undid it.
/// </summary>
public sealed record Verified(Applied Applied, VerificationResult? Checks, RollbackReport? Rollback, IReadOnlyList<string> Diagnostics)
{
    /// <summary>An apply stays when it was not rolled back; it is persisted when it also passed (or was not checked).</summary>
    public bool Kept => Rollback is null;

    public bool Passed => Checks?.Passed ?? true;
}
