using System.Diagnostics;
using System.Net;
using BootRoute.Netlink;
using BootRoute.Planning;
using BootRoute.Settings;
using Polly;
using Polly.Retry;

namespace BootRoute.Verification;

/// <summary>
/// Proves the plan works on the live kernel. For each managed NIC: (1) egress — the kernel's route
/// lookup from each of its addresses (the seeds' `ip route get D from S`) must leave by that NIC via
/// its gateway; (2) gateway — an ICMP echo from its address to its gateway must be answered. NICs are
/// probed in parallel; each probe is bounded and retried a few times, never a bare sleep.
/// </summary>
public sealed class Verifier
{
    private readonly INetlink netlink;
    private readonly IProber prober;
    private readonly VerifySettings settings;
    private readonly ResiliencePipeline<ProbeResult> retry;

    public Verifier(INetlink netlink, IProber prober, VerifySettings settings)
    {
        this.netlink = netlink;
        this.prober = prober;
        this.settings = settings;
        retry = new ResiliencePipelineBuilder<ProbeResult>()
            .AddRetry(new RetryStrategyOptions<ProbeResult>
            {
                ShouldHandle = new PredicateBuilder<ProbeResult>().HandleResult(result => !result.Answered),
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.FromMilliseconds(100),
            })
            .Build();
    }

    public async Task<IReadOnlyList<InterfaceVerification>> VerifyAsync(RoutingPlan plan, CancellationToken cancellationToken)
    {
        // Route lookups are one netlink round trip each and share the client's socket: do them first,
        // in order; then run the network probes concurrently.
        var egress = plan.Interfaces.ToDictionary(nic => nic.Name, CheckEgress, StringComparer.Ordinal);
        var gateways = await Task.WhenAll(plan.Interfaces.Select(nic => CheckGatewayAsync(nic, cancellationToken))).ConfigureAwait(false);
        return plan.Interfaces
            .Select((nic, index) => new InterfaceVerification(nic.Name, [.. egress[nic.Name], gateways[index]]))
            .ToList();
    }

    private List<CheckResult> CheckEgress(PlannedInterface nic)
    {
        var destination = settings.LookupDestination;
        var results = new List<CheckResult>();
        foreach (var address in nic.Addresses)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var lookup = netlink.GetRoute(destination, address);
                bool onLink = nic.Network.Contains(destination);
                bool passed = lookup.Device == nic.Name && (onLink || Equals(lookup.Gateway, nic.Gateway));
                string detail = passed
                    ? $"ip route get {destination} from {address}: {lookup}"
                    : $"wrong egress: ip route get {destination} from {address} gives {lookup}, expected dev {nic.Name} via {nic.Gateway}";
                results.Add(new CheckResult("egress", $"{destination} from {address}", passed, detail, Elapsed(started)));
            }
            catch (NetlinkException error)
            {
                results.Add(new CheckResult("egress", $"{destination} from {address}", false, $"no route: {error.Message}", Elapsed(started)));
            }
        }
        return results;
    }

    private async Task<CheckResult> CheckGatewayAsync(PlannedInterface nic, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await retry.ExecuteAsync(
            async token => await prober.EchoAsync(nic.Address, nic.Gateway, settings.Timeout, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        string detail = result.Answered ? result.Detail : $"gateway silent: {result.Detail}";
        return new CheckResult("gateway", $"{nic.Gateway} from {nic.Address}", result.Answered, detail, Elapsed(started));
    }

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
}
