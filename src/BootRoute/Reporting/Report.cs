namespace BootRoute.Reporting;

/// <summary>
/// What one run did, for people (<see cref="HumanReport"/>) and machines (<c>--json</c>). Field names
/// are the JSON contract documented in docs/operations.md.
/// </summary>
public sealed record Report(
    string Command,
    int ExitCode,
    string Summary,
    string? Primary,
    IReadOnlyList<InterfaceReport> Interfaces,
    IReadOnlyList<string> Operations,
    int Applied,
    IReadOnlyList<string> Diagnostics,
    OwnedState? Owned = null,
    IReadOnlyList<string>? Problems = null,
    RollbackReport? Rollback = null,
    PersistenceReport? Persistence = null);

/// <summary>One managed NIC: what was planned for it and, when verification ran, its checks.</summary>
public sealed record InterfaceReport(
    string Name,
    string Address,
    int PrefixLength,
    string Gateway,
    uint Table,
    uint Priority,
    bool Primary,
    string? FloatingIp,
    string LeaseSource,
    bool? Verified,
    IReadOnlyList<CheckReport> Checks);

public sealed record CheckReport(string Name, string Target, bool Passed, string Detail, double Milliseconds);

/// <summary>`bootroute status`: what BootRoute owns in the kernel now, and whether it has drifted from the plan.</summary>
public sealed record OwnedState(IReadOnlyList<string> Rules, IReadOnlyList<string> Routes, bool Drift);

/// <summary>
/// An apply undone because it cut the primary NIC's path (<c>verify.rollback</c>): which probes
/// passed before and failed after, how many operations were undone, any undo the kernel refused, and
/// whether the path answered again afterwards.
/// </summary>
public sealed record RollbackReport(IReadOnlyList<string> Lost, int Undone, IReadOnlyList<string> Errors, bool Restored);
