namespace BootRoute.Reporting;

/// <summary>
/// A NIC managed in IPv6 only (no IPv4 lease, or its IPv4 held): its table and priority, its IPv6
/// side and, when verification ran, its checks. Kept apart from <see cref="InterfaceReport"/>, whose
/// address, prefix and gateway are IPv4's, so no consumer of <c>interfaces</c> meets an IPv6 address
/// where it has always read an IPv4 one.
/// </summary>
public sealed record IPv6OnlyInterfaceReport
{
    public required string Name { get; init; }

    public required uint Table { get; init; }

    public required uint Priority { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("ipv6")]
    public required IPv6Report IPv6 { get; init; }

    /// <summary>Null when verification did not run.</summary>
    public bool? Verified { get; init; }

    public IReadOnlyList<CheckReport> Checks { get; init; } = [];
}
