using BootRoute.Discovery;
using BootRoute.Model;
using BootRoute.Persistence;
using BootRoute.Planning;
using BootRoute.Reporting;
using BootRoute.Settings;
using BootRoute.State;

namespace BootRoute.Stages;

/// <summary>
/// <c>bootroute remove</c>: undo everything BootRoute did, all or nothing. Needs no lease and no plan:
/// what it owns is tagged in the kernel, what it changed besides is in the state file, and the copies the
/// network stack made from the persisted files are found by the ids the state file's slots give.
/// </summary>
public sealed class RemoveStage(AgentServices services, AgentSettings settings)
{
    public Report Run()
    {
        var diagnostics = new List<string>();
        var snapshot = KernelState.Read(services.Netlink, services.Sysctl);
        var state = LoadState(diagnostics);
        var (operations, notes) = Removal.Compute(snapshot, state, StackCopiesOf(state, diagnostics));
        diagnostics.AddRange(notes);
        var commands = operations.Select(operation => operation.ToIpCommand()).ToList();

        var result = services.Applier().Apply(operations);
        if (!result.Succeeded)
        {
            return new Report("remove", ExitCodes.ApplyFailed,
                $"remove failed at \"{result.FailedOperation!.ToIpCommand()}\": {result.Error}; what was undone was put back")
            {
                Operations = commands,
                Diagnostics = [.. diagnostics, .. result.RollbackErrors],
            };
        }
        services.State?.Delete();
        try
        {
            services.Names?.Remove();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"could not remove BootRoute's names from /etc/iproute2: {error.Message}");
        }
        string summary = operations.Count == 0 ? "nothing to remove" : $"removed: {Counted.Of(operations.Count, "operation")} applied";
        return RevertPersisted(new Report("remove", ExitCodes.Success, summary)
        {
            Operations = commands,
            Applied = operations.Count,
            Diagnostics = diagnostics,
        });
    }

    /// <summary>
    /// Removes every file and block BootRoute persisted under <paramref name="root"/>, whatever backend
    /// wrote them: for <c>uninstall --root</c>, which has no routing plan.
    /// </summary>
    public static PersistResult RevertPersistence(string root)
    {
        var persister = new Persister(new RootFileSystem(root));
        var revert = persister.PlanRevert();
        var result = persister.Write(revert.Changes);
        return result with { Notes = [.. revert.Notes, .. result.Notes] };
    }

    /// <summary>
    /// The stack's copies of BootRoute's objects are BootRoute's to delete only while its files make the
    /// stack recreate them (the files are about to go), and only by the ids the last apply recorded.
    /// Deleting them here, rather than having the stack reconfigure each NIC (networkd drops and
    /// re-requests its leases then), takes nothing else down.
    /// </summary>
    private StackCopies StackCopiesOf(AppliedState state, List<string> diagnostics)
    {
        CarriedObjects carried;
        try
        {
            carried = services.Persister?.PlanRevert().Carried ?? CarriedObjects.None;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Said again, as a problem, when the files are reverted.
            return StackCopies.None;
        }
        if (carried != CarriedObjects.None && state.Slots.Count == 0)
        {
            diagnostics.Add("the network stack's copies of BootRoute's rules or routes (made from its persisted files) stay in the kernel "
                + "until the stack next reconfigures: no state file records BootRoute's tables");
        }
        return StackCopies.For(settings, state.Slots, carried);
    }

    private AppliedState LoadState(List<string> diagnostics)
    {
        try
        {
            return services.State?.Load() ?? AppliedState.Empty;
        }
        catch (StateException error)
        {
            diagnostics.Add($"{error.Message}; removing what the kernel shows as BootRoute's only");
            return AppliedState.Empty;
        }
    }

    /// <summary>Takes BootRoute's files and blocks out of the image's network configuration.</summary>
    private Report RevertPersisted(Report report)
    {
        if (services.Persister is not { } persister)
        {
            return report;
        }
        PersistencePlan revert;
        try
        {
            revert = persister.PlanRevert();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return report with { Problems = [$"cannot read the network stack's configuration under {persister.Files.Root}: {error.Message}"] };
        }
        var result = persister.Write(revert.Changes);
        var reverted = report with
        {
            Persistence = PersistenceReports.For(persister.Files, [], result.Succeeded ? result.Written : revert.Changes, result.Succeeded),
            Diagnostics = [.. report.Diagnostics, .. revert.Notes, .. result.Notes],
        };
        return result.Succeeded
            ? reverted
            : reverted with { Summary = $"{report.Summary}; persisted files NOT reverted", Problems = [$"could not revert the persisted files: {result.Error}; none was changed"] };
    }
}
