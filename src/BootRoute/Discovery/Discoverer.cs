using BootRoute.Model;
using BootRoute.Netlink;
using BootRoute.Planning;
using BootRoute.Settings;
using BootRoute.Sysctl;
using Polly;
using Polly.Retry;

namespace BootRoute.Discovery;

/// <summary>
/// Reads the kernel and the leases and plans. When interfaces are configured and one of them is not
/// ready (no link yet, no address, no lease), it waits — a Polly retry with backoff bounded by
/// <c>discovery.timeout</c> — printing a progress line for what it is still waiting for. Automatic
/// mode never waits: it manages what is there.
/// </summary>
public sealed class Discoverer
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    private readonly AgentSettings settings;
    private readonly INetlink netlink;
    private readonly IReadOnlyList<ILeaseSource> sources;
    private readonly TimeProvider time;
    private readonly Action<string> progress;
    private readonly ISysctl? sysctl;

    public Discoverer(
        AgentSettings settings, INetlink netlink, IReadOnlyList<ILeaseSource> sources, TimeProvider time, Action<string> progress, ISysctl? sysctl = null)
    {
        this.sysctl = sysctl;
        this.settings = settings;
        this.netlink = netlink;
        this.sources = sources;
        this.time = time;
        this.progress = progress;
    }

    public async Task<Discovered> DiscoverAsync(CancellationToken cancellationToken)
    {
        var timeout = settings.Discovery.Timeout;
        if (settings.IsAutomatic || timeout <= TimeSpan.Zero)
        {
            return Once();
        }

        long started = time.GetTimestamp();
        long lastProgress = started - (long)(ProgressInterval.TotalSeconds * time.TimestampFrequency);
        string? lastProblems = null;
        var pipeline = new ResiliencePipelineBuilder<Discovered> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<Discovered>
            {
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Result?.Outcome is PlanningOutcome.Failed && time.GetElapsedTime(started) < timeout),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(2),
                UseJitter = false,
                OnRetry = arguments =>
                {
                    var failed = (PlanningOutcome.Failed)arguments.Outcome.Result!.Outcome;
                    string problems = string.Join("; ", failed.Problems);
                    if (problems != lastProblems || time.GetElapsedTime(lastProgress) >= ProgressInterval)
                    {
                        var left = timeout - time.GetElapsedTime(started);
                        progress($"waiting up to {Math.Max(0, Math.Ceiling(left.TotalSeconds)):0}s more for {problems}");
                        lastProblems = problems;
                        lastProgress = time.GetTimestamp();
                    }
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        return await pipeline.ExecuteAsync(_ => ValueTask.FromResult(Once()), cancellationToken).ConfigureAwait(false);
    }

    private Discovered Once()
    {
        var snapshot = KernelState.Read(netlink, sysctl);
        var leases = LeaseReader.Read(sources, snapshot, time.GetUtcNow());
        return new Discovered(snapshot, leases.Leases, leases.Diagnostics, Planner.Plan(settings, snapshot, leases.Leases));
    }
}
