namespace BootRoute.Reporting;

/// <summary>
/// What one run did, for people (<see cref="HumanReport"/>) and machines (<c>--json</c>). Field names
/// are the JSON contract documented in docs/operations.md.
/// </summary>
public sealed record Report(string Command, int ExitCode, string Summary)
{
    /// <summary>The primary NIC's name; absent when nothing was planned.</summary>
    public string? Primary { get; init; }

    public IReadOnlyList<InterfaceReport> Interfaces { get; init; } = [];

    /// <summary>NICs managed in IPv6 only (IPv6-only secondaries, NICs whose IPv4 is held).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("ipv6OnlyInterfaces")]
    public IReadOnlyList<IPv6OnlyInterfaceReport> IPv6OnlyInterfaces { get; init; } = [];

    /// <summary>Every managed NIC's checks, both lists: what the journal and the metrics report per NIC.</summary>
    public IEnumerable<(string Name, IReadOnlyList<CheckReport> Checks)> ChecksByInterface() =>
        Interfaces.Select(nic => (nic.Name, nic.Checks)).Concat(IPv6OnlyInterfaces.Select(nic => (nic.Name, nic.Checks)));

    /// <summary>NICs left as the kernel had them while the others were managed, and why.</summary>
    public IReadOnlyList<HeldReport> Held { get; init; } = [];

    /// <summary>The operations as `ip` commands: to apply (plan), or performed.</summary>
    public IReadOnlyList<string> Operations { get; init; } = [];

    /// <summary>How many operations are in force after the run (0 when nothing changed or all was undone).</summary>
    public int Applied { get; init; }

    public IReadOnlyList<string> Diagnostics { get; init; } = [];

    public OwnedState? Owned { get; init; }

    public IReadOnlyList<string>? Problems { get; init; }

    public RollbackReport? Rollback { get; init; }

    public PersistenceReport? Persistence { get; init; }
}

/// <summary>One managed NIC: what was planned for it and, when verification ran, its checks.</summary>
public sealed record InterfaceReport
{
    public required string Name { get; init; }

    public required string Address { get; init; }

    public required int PrefixLength { get; init; }

    public required string Gateway { get; init; }

    public required uint Table { get; init; }

    public required uint Priority { get; init; }

    public required bool Primary { get; init; }

    public string? FloatingIp { get; init; }

    public required string LeaseSource { get; init; }

    /// <summary>Null when verification did not run.</summary>
    public bool? Verified { get; init; }

    public IReadOnlyList<CheckReport> Checks { get; init; } = [];

    /// <summary>The NIC's IPv6 side when IPv6 is managed on it (same table and priority); null when it is IPv4 only.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("ipv6")]
    public IPv6Report? IPv6 { get; init; }
}

/// <summary>
/// A NIC's managed IPv6: its global addresses (privacy ones included), the prefixes its rules cover,
/// its router, and whether it keeps the main IPv6 default (else accept_ra_defrtr=0).
/// </summary>
public sealed record IPv6Report(IReadOnlyList<string> Addresses, IReadOnlyList<string> Prefixes, string Router, bool Primary);

/// <summary>A NIC the run left as it was (bad data, or an operation the kernel refused): its table and priority are untouched.</summary>
public sealed record HeldReport(string Name, string Reason, uint Table, uint Priority, bool RefusedByKernel);

public sealed record CheckReport(string Name, string Target, bool Passed, string Detail, double Milliseconds);

/// <summary>`bootroute status`: what BootRoute owns in the kernel now, and whether it has drifted from the plan.</summary>
public sealed record OwnedState(IReadOnlyList<string> Rules, IReadOnlyList<string> Routes, bool Drift)
{
    /// <summary>The last apply, verify or remove as status.json tells it; null before the first.</summary>
    public LastRun? LastRun { get; init; }
}

/// <summary>
/// An apply undone because it cut the primary NIC's path (<c>verify.rollback</c>): which probes
/// passed before and failed after, how many operations were undone, any undo the kernel refused, and
/// whether the path answered again afterwards.
/// </summary>
public sealed record RollbackReport(IReadOnlyList<string> Lost, int Undone, IReadOnlyList<string> Errors, bool Restored);
