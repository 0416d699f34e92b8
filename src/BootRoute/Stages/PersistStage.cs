using BootRoute.Planning;

namespace BootRoute.Stages;

/// <summary>
/// Makes a kept apply last (docs/design.md, "Persistence"): names the tables for iproute2, and, for an
/// apply that also passed verification (or was not checked), writes the image's network stack's own
/// files so that the stack recreates the routing itself. A rolled-back apply is neither.
/// </summary>
public sealed class PersistStage(AgentServices services)
{
    public Persisted Run(Verified verified)
    {
        var planned = verified.Applied.Planned;
        // With a NIC held, the names file keeps the held NIC's table name from the last full run.
        var diagnostics = planned.Plan.Held.Count == 0 ? NameTables(planned.Plan) : [];
        if (!verified.Passed || services.Persister is not { } persister)
        {
            return new Persisted(verified, null, null, diagnostics);
        }
        var changes = planned.Persistence.Changes;
        var result = persister.Write(changes);
        var files = PersistenceReports.For(persister.Files, planned.Persistence.Targets, result.Succeeded ? result.Written : changes, result.Succeeded);
        string? failure = result.Succeeded ? null : $"the routing is applied but not persisted: {result.Error}; nothing was written";
        return new Persisted(verified, files, failure, [.. diagnostics, .. result.Notes]);
    }

    // Names only make `ip route`/`ip rule` output readable; a read-only /etc must not fail the run.
    private List<string> NameTables(RoutingPlan plan)
    {
        try
        {
            services.Names?.Write(plan);
            return [];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return [$"could not name the tables in /etc/iproute2: {error.Message}"];
        }
    }
}
