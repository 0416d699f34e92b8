using BootRoute.Discovery;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Reporting;
using BootRoute.Settings;
using BootRoute.State;
using BootRoute.Verification;

namespace BootRoute.Stages;

/// <summary>
/// One run as stage functions, each taking the record the last one handed on: settings → discover →
/// <see cref="Planned"/> → <see cref="Applied"/> → <see cref="Verified"/> → <see cref="Persisted"/> →
/// <see cref="Report"/> (remove: state → undo → report). Only <see cref="AgentServices"/> touch the
/// system, so a whole run can be driven with fakes in tests. Nothing here is mutable. An exception
/// after the kernel was changed undoes the apply and becomes a report with exit 70
/// (<see cref="ExitCodes.InternalError"/>); any other reaches the command line's guard.
/// </summary>
public sealed class Pipeline(AgentSettings settings, AgentServices services)
{
    public async Task<Report> RunAsync(AgentCommand command, CancellationToken cancellationToken)
    {
        if (command == AgentCommand.Remove)
        {
            return new RemoveStage(services, settings).Run();
        }
        // Only apply waits for late NICs: plan, verify and status report on the host as it is now.
        var discovered = command == AgentCommand.Apply
            ? await services.Discoverer().WaitAsync(ReadinessChecks.ConfiguredInterfaces(settings), settings.Discovery.Timeout, cancellationToken)
                .ConfigureAwait(false)
            : services.Discoverer().Read();
        var planning = new PlanStage(settings, services.Persister, RecordedSlots());
        var (outcome, planned) = planning.Run(discovered, persist: command != AgentCommand.Verify);
        if (planned is null)
        {
            return RunReports.Unplanned(command.ToString().ToLowerInvariant(), discovered, outcome);
        }
        return command switch
        {
            AgentCommand.Plan => RunReports.ForPlan(planning.WithPendingFiles(planned)),
            AgentCommand.Status => RunReports.ForStatus(planning.WithPendingFiles(planned), services.ReadLastRun?.Invoke()),
            AgentCommand.Verify => RunReports.ForVerify(planned, await Verifier().VerifyAsync(planned.Plan, cancellationToken).ConfigureAwait(false)),
            _ => await ApplyAsync(planning, planned, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<Report> ApplyAsync(PlanStage planning, Planned planned, CancellationToken cancellationToken)
    {
        if (planned.Clashes.Count > 0)
        {
            return RunReports.Clashed(planned);
        }
        var verifier = Verifier();
        var applyStage = new ApplyStage(settings.Verify, services, verifier);
        var applied = await applyStage.RunAsync(planned, cancellationToken).ConfigureAwait(false);
        // Each attempt holds one more NIC, so this ends after at most one attempt per NIC.
        var refused = new List<HeldInterface>();
        while (RefusalIsolation.Hold(applied, refused) is { } held)
        {
            refused.Add(held);
            var (outcome, replanned) = planning.Run(planned.Discovered, persist: true, refused);
            if (replanned is null)
            {
                return RunReports.Unplanned("apply", planned.Discovered, outcome);
            }
            if (replanned.Clashes.Count > 0)
            {
                return RunReports.Clashed(replanned);
            }
            applied = await applyStage.RunAsync(replanned, cancellationToken, applied.PathBefore).ConfigureAwait(false);
        }
        if (!applied.Result.Succeeded)
        {
            return RunReports.ApplyFailed(applied);
        }
        // What waits for the unit (multi-user.target, cloud-final) needs the routing, not its proof:
        // verification and persistence go on after this, and a failed check still rolls back.
        services.Ready?.Invoke();
        try
        {
            var verified = await new VerifyStage(settings.Verify.Enabled, services, verifier).RunAsync(applied, cancellationToken).ConfigureAwait(false);
            return verified.Kept ? RunReports.ForApply(new PersistStage(services).Run(verified)) : RunReports.RolledBack(verified);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The kernel was changed and nothing proved the change good: whatever failed (an echo
            // body the JSON reader chokes on, a file a stage did not expect), put the kernel back as
            // the run found it before saying so, rather than leave it half-verified.
            return RunReports.InternalError(applied, error, services.Applier().Undo(applied.Result.Applied));
        }
    }

    /// <summary>
    /// The slots the last apply recorded; only automatic mode numbers by them, so only it reads the
    /// file. An unreadable state file costs only this memory here: apply says so when it starts a new one.
    /// </summary>
    private IReadOnlyList<InterfaceSlot> RecordedSlots()
    {
        if (!settings.IsAutomatic)
        {
            return [];
        }
        try
        {
            return services.State?.Load() is { } recorded ? recorded.Slots : [];
        }
        catch (StateException)
        {
            return [];
        }
    }

    private Verifier Verifier() => new(services.Netlink, services.Prober, settings.Verify);
}
