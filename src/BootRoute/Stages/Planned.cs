using BootRoute.Model;
using BootRoute.Persistence;
using BootRoute.Planning;
using BootRoute.Reporting;

namespace BootRoute.Stages;

/// <summary>
/// What planning hands on: the routing plan, what persisting it means for the image's network stack,
/// the operations that turn the kernel into the plan, the foreign objects in the plan's way, and the
/// planning stage's own diagnostics (rp_filter advice, persistence notes).
/// </summary>
public sealed record Planned(
    Discovered Discovered, RoutingPlan Plan, PersistencePlan Persistence, IReadOnlyList<Operation> Operations, IReadOnlyList<string> Diagnostics)
{
    /// <summary>Another program's rules and routes where the plan needs to be; apply stops before any change.</summary>
    public IReadOnlyList<string> Clashes { get; init; } = [];

    /// <summary>Hand-made routes and rules the operations replace with BootRoute's own copies; apply records them for remove.</summary>
    public Adopted Adopted { get; init; } = Adopted.None;

    /// <summary>The file changes apply would make, as the report shows them; null when nothing is persisted.</summary>
    public PersistenceReport? PendingFiles { get; init; }

    /// <summary>"2 interfaces, primary ens3": how every summary of a planned run starts.</summary>
    public string Headline => $"{Counted.Of(Plan.Interfaces.Count, "interface")}, primary {Plan.Primary.Name}";

    public IReadOnlyList<string> Commands => Operations.Select(operation => operation.ToIpCommand()).ToList();
}
