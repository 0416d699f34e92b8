using BootRoute.Model;
using BootRoute.Planning;

namespace BootRoute.Discovery;

/// <summary>What discovery found, and what the planner made of it.</summary>
public sealed record Discovered(HostSnapshot Snapshot, IReadOnlyList<Lease> Leases, IReadOnlyList<string> Diagnostics, PlanningOutcome Outcome);
