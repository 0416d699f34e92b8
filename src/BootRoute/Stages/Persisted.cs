using BootRoute.Reporting;

namespace BootRoute.Stages;

/// <summary>
/// What the persist stage did for a kept apply: the file changes written (or that failed, then none
/// stays written), and its diagnostics (table names, the writer's notes).
/// </summary>
public sealed record Persisted(Verified Verified, PersistenceReport? Files, string? Failure, IReadOnlyList<string> Diagnostics)
{
    public int Written => Failure is null ? Files?.Files.Count ?? 0 : 0;
}
