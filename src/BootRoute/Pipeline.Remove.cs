using BootRoute.Apply;
using BootRoute.Cli;
using BootRoute.Discovery;
using BootRoute.Planning;
using BootRoute.Reporting;
using BootRoute.State;

namespace BootRoute;

public sealed partial class Pipeline
{
    /// <summary>
    /// `bootroute remove`: undo everything BootRoute did, all or nothing. Needs no lease and no plan:
    /// what it owns is tagged in the kernel, and what it changed besides is in the state file.
    /// </summary>
    private Report Remove()
    {
        var diagnostics = new List<string>();
        var snapshot = KernelState.Read(services.Netlink, services.Sysctl);
        AppliedState recorded = AppliedState.Empty;
        try
        {
            recorded = services.State?.Load() ?? AppliedState.Empty;
        }
        catch (StateException error)
        {
            diagnostics.Add($"{error.Message}; removing what the kernel shows as BootRoute's only");
        }
        var (operations, notes) = Removal.Compute(snapshot, recorded);
        diagnostics.AddRange(notes);
        var rendered = operations.Select(operation => operation.ToIpCommand()).ToList();

        var result = new Applier(services.Netlink, services.RouteCache, services.Sysctl, services.Faults).Apply(operations);
        if (!result.Succeeded)
        {
            diagnostics.AddRange(result.RollbackErrors);
            return new Report("remove", ExitCodes.ApplyFailed,
                $"remove failed at \"{result.FailedOperation!.ToIpCommand()}\": {result.Error}; what was undone was put back",
                null, [], rendered, 0, diagnostics);
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
        string summary = operations.Count == 0 ? "nothing to remove" : $"removed: {operations.Count} operations applied";
        return RevertPersisted(new Report("remove", ExitCodes.Success, summary, null, [], rendered, operations.Count, diagnostics));
    }
}
