namespace BootRoute.Model;

/// <summary>
/// What discovery found: the kernel's state and the leases the sources knew at one moment, with the
/// sources' diagnostics (unreadable files, expired leases) for the report. Planning starts from it.
/// </summary>
public sealed record Discovered(HostSnapshot Snapshot, IReadOnlyList<Lease> Leases, IReadOnlyList<string> Diagnostics);
