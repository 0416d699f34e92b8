using BootRoute.Apply;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Settings;
using BootRoute.State;
using BootRoute.Verification;

namespace BootRoute.Stages;

/// <summary>
/// Carries out a <see cref="Planned"/> run's operations: probes the primary path first when the
/// rollback guard needs a "before", records what remove must restore (write-ahead), then applies all
/// or nothing.
/// </summary>
public sealed class ApplyStage(VerifySettings verify, AgentServices services, Verifier verifier)
{
    /// <param name="probedBefore">
    /// The primary path as an earlier attempt of this run probed it: after that attempt was undone the
    /// kernel is as it was then, and the primary is the same, so it is not probed again.
    /// </param>
    public async Task<Applied> RunAsync(Planned planned, CancellationToken cancellationToken, IReadOnlyList<PathCheck>? probedBefore = null)
    {
        var operations = planned.Operations;
        // The rollback guard needs to know what worked before: only a probe that passed now and fails
        // after the apply proves the apply cut the operator off. A no-op run changes nothing to guard.
        var before = verify is { Enabled: true, Rollback: true } && operations.Count > 0
            ? probedBefore ?? await verifier.ProbePrimaryPathAsync(planned.Plan, cancellationToken, beforeApply: true).ConfigureAwait(false)
            : null;

        // Write-ahead: what this apply removes, overwrites or adopts outside its own tags is on disk before the
        // kernel changes, so a run killed half-way still lets `remove` put it back. A record of
        // something the rollback restored anyway is harmless: remove skips what is already there.
        var diagnostics = RecordIntent(operations, planned.Plan, planned.Adopted);
        var result = services.Applier().Apply(operations);
        return new Applied(planned, result, before, [.. diagnostics, .. result.RollbackErrors]);
    }

    /// <remarks>
    /// The NICs' slots are recorded too, whenever they differ from the record: after a reboot the
    /// kernel has none of BootRoute's tables to tell which NIC had which id.
    /// </remarks>
    private List<string> RecordIntent(IReadOnlyList<Operation> operations, RoutingPlan plan, Adopted adopted)
    {
        var removedDefaults = operations.OfType<RouteDelete>().Select(delete => delete.Route)
            .Concat(operations.OfType<RouteReplace>().Select(replace => replace.Previous))
            .Where(route => route.Protocol != RouteProtocols.BootRoute && route.Table == RoutingTables.Main && route.IsDefault)
            .ToList();
        var sysctls = operations.OfType<SysctlSet>().Select(set => new SysctlOriginal(set.Key, set.Previous)).ToList();
        if (services.State is not { } store)
        {
            return [];
        }
        var diagnostics = new List<string>();
        AppliedState recorded;
        try
        {
            recorded = store.Load();
        }
        catch (StateException error)
        {
            // Losing older restore records is better than leaving the instance's routing broken at boot.
            diagnostics.Add($"{error.Message}; starting a new one");
            recorded = AppliedState.Empty;
        }
        var slots = plan.Slots;
        if (removedDefaults.Count == 0 && sysctls.Count == 0 && adopted.IsEmpty && recorded.Slots.SequenceEqual(slots))
        {
            return diagnostics;
        }
        store.Save(recorded.Including(removedDefaults, sysctls).Adopting(adopted.Routes, adopted.Rules) with { Slots = slots });
        return diagnostics;
    }
}
