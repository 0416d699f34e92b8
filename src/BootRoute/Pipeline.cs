using BootRoute.Apply;
using BootRoute.Cli;
using BootRoute.Discovery;
using BootRoute.Model;
using BootRoute.Netlink;
using BootRoute.Persistence;
using BootRoute.Planning;
using BootRoute.Reporting;
using BootRoute.Settings;
using BootRoute.State;
using BootRoute.Sysctl;
using BootRoute.Verification;

namespace BootRoute;

/// <summary>What the agent was asked to do.</summary>
public enum AgentCommand
{
    Apply,
    Plan,
    Verify,
    Status,
    Remove,
}

/// <summary>The parts of the system a run touches; everything else in a run is plain data.</summary>
public sealed record AgentServices(
    INetlink Netlink,
    IRouteCache RouteCache,
    IReadOnlyList<ILeaseSource> LeaseSources,
    IProber Prober,
    ISysctl? Sysctl = null,
    IStateStore? State = null,
    IFaultInjector? Faults = null,
    Naming.RouteNameFiles? Names = null,
    TimeProvider? Time = null,
    Action<string>? Progress = null,
    Persistence.Persister? Persister = null);

/// <summary>
/// One run, top to bottom: discover → plan → diff → apply → verify → report (remove: state → undo →
/// report). Only <see cref="AgentServices"/> touch the system, so the whole run can be driven with
/// fakes in tests.
/// </summary>
public sealed partial class Pipeline(AgentSettings settings, AgentServices services)
{
    private Action<string> Progress => services.Progress ?? (_ => { });

    public async Task<Report> RunAsync(AgentCommand command, CancellationToken cancellationToken)
    {
        if (command == AgentCommand.Remove)
        {
            return Remove();
        }
        string name = command.ToString().ToLowerInvariant();
        // Only apply waits for late NICs: plan, verify and status report on the host as it is now.
        var discoverySettings = command == AgentCommand.Apply ? settings : settings with { Discovery = new DiscoverySettings(TimeSpan.Zero) };
        var discovered = await new Discoverer(discoverySettings, services.Netlink, services.LeaseSources, services.Time ?? TimeProvider.System,
                Progress, services.Sysctl)
            .DiscoverAsync(cancellationToken).ConfigureAwait(false);
        var diagnostics = discovered.Diagnostics.ToList();

        switch (discovered.Outcome)
        {
            case PlanningOutcome.Failed failed:
                diagnostics.AddRange(failed.Problems);
                return new Report(name, ExitCodes.NothingToManage, $"nothing changed: {string.Join("; ", failed.Problems)}",
                    null, [], [], 0, diagnostics, Problems: failed.Problems);
            case PlanningOutcome.NothingToDo nothing:
                return new Report(name, ExitCodes.Success, $"nothing to do: {nothing.Reason}", null, [], [], 0, diagnostics);
            case PlanningOutcome.Planned planned:
                diagnostics.AddRange(ReversePathAdvice.For(planned.Plan, discovered.Snapshot));
                return await RunPlanAsync(command, name, planned.Plan, discovered.Snapshot, diagnostics, cancellationToken).ConfigureAwait(false);
            default:
                throw new InvalidOperationException("unknown planning outcome");
        }
    }

    private async Task<Report> RunPlanAsync(
        AgentCommand command, string name, RoutingPlan plan, HostSnapshot snapshot, List<string> diagnostics, CancellationToken cancellationToken)
    {
        var persistence = command is AgentCommand.Verify ? PersistencePlan.Nothing : PlanPersistence(plan, snapshot, diagnostics);
        var operations = Diff.Compute(plan, snapshot, persistence.Carried);
        var rendered = operations.Select(operation => operation.ToIpCommand()).ToList();
        string nics = $"{plan.Interfaces.Count} interfaces, primary {plan.Primary.Name}";
        switch (command)
        {
            case AgentCommand.Plan:
                return Build(name, ExitCodes.Success,
                    (operations.Count == 0 ? $"{nics}; the kernel already matches the plan" : $"{nics}; {operations.Count} operations") + PendingFiles(),
                    plan, null, rendered, 0, diagnostics) with { Persistence = PendingPersistence() };
            case AgentCommand.Status:
                var owned = new OwnedState(
                    snapshot.Rules.Where(rule => rule.Protocol == RouteProtocols.BootRoute).Select(rule => rule.ToString()).ToList(),
                    snapshot.Routes.Where(route => route.Protocol == RouteProtocols.BootRoute).Select(route => route.ToString()).ToList(),
                    operations.Count > 0);
                return Build(name, ExitCodes.Success,
                    (owned.Drift ? $"{nics}; drift: {operations.Count} operations would converge" : $"{nics}; in sync") + PendingFiles(),
                    plan, null, rendered, 0, diagnostics) with { Owned = owned, Persistence = PendingPersistence() };
            case AgentCommand.Verify:
                var verification = await new Verifier(services.Netlink, services.Prober, settings.Verify)
                    .VerifyAsync(plan, cancellationToken).ConfigureAwait(false);
                return Build(name, verification.Passed ? ExitCodes.Success : ExitCodes.VerificationFailed,
                    verification.Passed ? $"{nics}; every check passed" : $"{nics}; {Failures(verification)}",
                    plan, verification, rendered, 0, diagnostics);
            default:
                return await ApplyAsync(name, nics, plan, snapshot, operations, rendered, diagnostics, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Failures(VerificationResult verification) =>
        "verification failed on " + string.Join(", ", verification.FailedInterfaces);

    private static Report Build(
        string name, int exitCode, string summary, RoutingPlan plan, VerificationResult? checks,
        IReadOnlyList<string> operations, int applied, List<string> diagnostics)
    {
        diagnostics.AddRange(checks?.Notes ?? []);
        var interfaces = plan.Interfaces.Select(nic =>
        {
            var verification = checks?.Interfaces.FirstOrDefault(check => check.Interface == nic.Name);
            var floatingIp = nic.FloatingIp ?? checks?.DiscoveredFloatingIps.GetValueOrDefault(nic.Name);
            return new InterfaceReport(nic.Name, nic.Address.ToString(), nic.PrefixLength, nic.Gateway.ToString(), nic.Table,
                nic.Priority, nic.IsPrimary, floatingIp?.ToString(), nic.Lease.Source, verification?.Passed,
                verification?.Checks.Select(check => new CheckReport(check.Name, check.Target, check.Passed, check.Detail, check.Milliseconds))
                    .ToList() ?? []);
        }).ToList();
        return new Report(name, exitCode, summary, plan.Primary.Name, interfaces, operations, applied, diagnostics);
    }
}
