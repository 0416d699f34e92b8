using BootRoute.Model;
using BootRoute.Persistence;
using BootRoute.Planning;
using BootRoute.Settings;

namespace BootRoute.Stages;

/// <summary>
/// Planning as one step: the routing plan (pure), what persisting it means for the image's network
/// stack (reads files, writes none), the diff and the clashes, handed on as one <see cref="Planned"/>.
/// </summary>
/// <param name="recordedSlots">Each NIC's slot as the last apply recorded it, so its ids survive a reboot.</param>
public sealed class PlanStage(AgentSettings settings, Persister? persister, IReadOnlyList<InterfaceSlot>? recordedSlots = null)
{
    /// <returns>The planner's outcome when it did not plan (nothing to manage, nothing to do), else the planned run.</returns>
    /// <param name="refusedByKernel">NICs the kernel refused in an earlier attempt of this run, to hold this time.</param>
    public (PlanningOutcome Outcome, Planned? Planned) Run(Discovered discovered, bool persist, IReadOnlyList<HeldInterface>? refusedByKernel = null)
    {
        var outcome = Planner.Plan(settings, discovered.Snapshot, discovered.Leases, refusedByKernel, recordedSlots);
        if (outcome is not PlanningOutcome.Planned { Plan: var plan })
        {
            return (outcome, null);
        }
        var diagnostics = outcome.Notes.Concat(ReversePathAdvice.For(plan, discovered.Snapshot)).ToList();
        var persistence = persist ? PlanPersistence(plan, discovered.Snapshot, diagnostics) : PersistencePlan.Nothing;
        var adopted = Adoption.Find(plan, discovered.Snapshot, persistence.Carried);
        var clashes = Clashes.Find(plan, discovered.Snapshot, persistence.Carried);
        if (persist && clashes.Count == 0)
        {
            // Verify changes nothing, and a clash stops the run before any change: neither takes anything over.
            diagnostics.AddRange(adopted.Notes);
        }
        var planned = new Planned(discovered, plan, persistence, Diff.Compute(plan, discovered.Snapshot, persistence.Carried), diagnostics)
        {
            Clashes = clashes,
            Adopted = adopted,
        };
        return (outcome, planned);
    }

    /// <summary>
    /// The planned file changes as plan and status show them (unified diffs); only those commands pay
    /// for rendering the diffs.
    /// </summary>
    public Planned WithPendingFiles(Planned planned) => persister is null ? planned : planned with
    {
        PendingFiles = PersistenceReports.For(persister.Files, planned.Persistence.Targets, planned.Persistence.Changes, written: false),
    };

    /// <summary>Detects the stacks and computes the file changes; an unreadable image only costs the persistence.</summary>
    private PersistencePlan PlanPersistence(RoutingPlan plan, HostSnapshot snapshot, List<string> diagnostics)
    {
        if (persister is null)
        {
            return PersistencePlan.Nothing;
        }
        PersistencePlan persistence;
        try
        {
            persistence = persister.Plan(plan, snapshot, settings.Persist.Backend);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"cannot read the network stack's configuration under {persister.Files.Root}: {error.Message}; not persisting");
            return PersistencePlan.Nothing;
        }
        diagnostics.AddRange(persistence.Notes);
        if (plan.Held.Count > 0 && persistence.Changes.Count > 0)
        {
            // The image keeps its last good configuration rather than one without the held NIC: the
            // files are written by the run in which every NIC converges. What the stack already
            // recreates (Carried) still counts for the diff.
            diagnostics.Add($"not persisting while {string.Join(", ", plan.Held.Select(nic => nic.Name))} cannot be managed: "
                + "the image keeps the configuration it has");
            return persistence with { Changes = [] };
        }
        return persistence;
    }
}
