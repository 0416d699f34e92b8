using BootRoute.Discovery;
using BootRoute.Netlink;
using BootRoute.Settings;
using Polly;
using Polly.Retry;

namespace BootRoute.Cli;

/// <summary>
/// The gate in front of a hook-started apply (<c>apply --interface IF --reason R</c>): an interface
/// BootRoute does not manage ends the run at once, quietly, with exit 0; for one it manages, the run
/// waits (before taking the lock, bounded by discovery.timeout) until the interface's lease matches
/// its address, then applies as usual. Configured interfaces are waited for by discovery anyway;
/// the wait here is what automatic mode needs, which otherwise takes whatever is there.
/// </summary>
internal static class HookTrigger
{
    /// <returns>True when the apply should run.</returns>
    public static bool ShouldRun(AgentSettings settings, string interfaceName, string? reason, Action<string> progress)
    {
        using var netlink = RtnetlinkClient.Open();
        var sources = LeaseSources.For(settings.Leases);
        var snapshot = KernelState.Read(netlink);
        if (TriggeringInterface.WhyNotManaged(settings, snapshot, interfaceName) is not null)
        {
            return false;
        }
        progress($"{interfaceName}: {reason ?? "lease event"}; re-applying");
        if (!settings.IsAutomatic)
        {
            return true;
        }

        var started = TimeProvider.System.GetTimestamp();
        var timeout = settings.Discovery.Timeout;
        var pipeline = new ResiliencePipelineBuilder<bool>()
            .AddRetry(new RetryStrategyOptions<bool>
            {
                ShouldHandle = arguments => ValueTask.FromResult(!arguments.Outcome.Result
                    && TimeProvider.System.GetElapsedTime(started) < timeout),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(1),
                UseJitter = false,
            })
            .Build();
        bool settled = pipeline.Execute(() =>
        {
            var now = KernelState.Read(netlink);
            return TriggeringInterface.LeaseSettled(now, LeaseReader.Read(sources, now, DateTimeOffset.UtcNow).Leases, interfaceName);
        });
        if (!settled)
        {
            progress($"{interfaceName}: no lease for its address after {timeout.TotalSeconds:0}s (discovery.timeout); applying what there is");
        }
        return true;
    }
}
