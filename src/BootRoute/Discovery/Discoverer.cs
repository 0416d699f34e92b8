using BootRoute.Model;
using BootRoute.Netlink;
using BootRoute.Sysctl;
using Polly.Retry;
using Polly;

namespace BootRoute.Discovery;

/// <summary>
/// Reads the kernel and the leases into a <see cref="Discovered"/>. <see cref="WaitAsync"/> reads
/// again until a <see cref="Readiness"/> check is satisfied — a Polly retry with backoff bounded by a
/// timeout — printing a progress line for what it is still waiting for; at the deadline it hands on
/// what it last read, and planning names what is missing.
/// </summary>
public sealed class Discoverer(INetlink netlink, IReadOnlyList<ILeaseSource> sources, ISysctl? sysctl, TimeProvider time, Action<string> progress)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a wait trusts a DHCP client's record over the address the client configured: dhclient
    /// writes its lease file just after its hooks ran, so a mismatch that outlasts this is a record the
    /// client will not update soon (see <see cref="LeaseReader.Read"/>), and the kernel's lease is used.
    /// </summary>
    internal static readonly TimeSpan StaleLeaseGrace = TimeSpan.FromSeconds(3);

    /// <summary>One read of the kernel and of every lease source.</summary>
    public Discovered Read() => Read(preferHeldAddresses: false);

    private Discovered Read(bool preferHeldAddresses)
    {
        var snapshot = KernelState.Read(netlink, sysctl);
        var leases = LeaseReader.Read(sources, snapshot, time.GetUtcNow(), preferHeldAddresses);
        return new Discovered(snapshot with { IPv6Leases = leases.IPv6 }, leases.Leases, leases.Diagnostics);
    }

    public async Task<Discovered> WaitAsync(Readiness ready, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long started = time.GetTimestamp();
        var first = Read();
        // The usual boot: everything is there at once. Polly's pipeline (its options are validated
        // by reflection) is built only when there is something to wait for.
        if (timeout <= TimeSpan.Zero || ready(first).Count == 0)
        {
            return first;
        }
        long lastProgress = started - (long)(ProgressInterval.TotalSeconds * time.TimestampFrequency);
        string? lastWaiting = null;
        var pipeline = new ResiliencePipelineBuilder<Discovered> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<Discovered>
            {
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Result is { } read && ready(read).Count > 0 && time.GetElapsedTime(started) < timeout),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(2),
                UseJitter = false,
                OnRetry = arguments =>
                {
                    string waiting = string.Join("; ", ready(arguments.Outcome.Result!));
                    if (waiting != lastWaiting || time.GetElapsedTime(lastProgress) >= ProgressInterval)
                    {
                        var left = timeout - time.GetElapsedTime(started);
                        progress($"waiting up to {Math.Max(0, Math.Ceiling(left.TotalSeconds)):0}s more for {waiting}");
                        lastWaiting = waiting;
                        lastProgress = time.GetTimestamp();
                    }
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        Discovered? attempt = first;
        return await pipeline.ExecuteAsync(_ =>
        {
            // The first attempt is the read already made; every retry reads again.
            var read = attempt ?? Read(preferHeldAddresses: time.GetElapsedTime(started) >= StaleLeaseGrace);
            attempt = null;
            return ValueTask.FromResult(read);
        }, cancellationToken).ConfigureAwait(false);
    }
}
