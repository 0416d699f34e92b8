namespace BootRoute.Planning;

/// <summary>
/// What the planner concluded: a plan, nothing to do (e.g. a single NIC in automatic mode), or a
/// discovery failure that names each interface and what it lacks.
/// </summary>
public abstract record PlanningOutcome
{
    private PlanningOutcome() { }

    /// <summary>What the planner passed over and the report should say (a NIC or a route refused).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The NICs left as the kernel has them while the others are planned (see <see cref="HeldInterface"/>).</summary>
    public IReadOnlyList<HeldInterface> Held { get; init; } = [];

    public sealed record Planned(RoutingPlan Plan) : PlanningOutcome;

    public sealed record NothingToDo(string Reason) : PlanningOutcome;

    public sealed record Failed(IReadOnlyList<string> Problems) : PlanningOutcome;
}
