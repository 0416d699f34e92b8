using System.Diagnostics.CodeAnalysis;
using System.Net;
using Polly;
using Polly.Retry;

namespace BootRoute.Verification;

/// <summary>
/// Every probe and echo question gets <see cref="Count"/> attempts of a third of <c>verify.timeout</c>
/// each, back to back, so one lost packet is not a failure and a dead path costs one timeout, not
/// three. The first attempt is made directly and Polly's retry pipeline carries only the rest: a
/// healthy check, the usual case, then costs one round trip and never pays for building a pipeline
/// (Polly validates its options by reflection) on the way to its first packet.
/// </summary>
internal sealed class ProbeAttempts(IProber prober, TimeSpan attemptTimeout)
{
    public const int Count = 3;

    // Built at the first retry: most runs never need one.
    private readonly Lazy<ResiliencePipeline<ProbeResult>> _probeRetry = new(() => Retry<ProbeResult>(result => !result.Answered));
    private readonly Lazy<ResiliencePipeline<AddressAnswer>> _askRetry = new(() => Retry<AddressAnswer>(answer => answer.Address is null));

    public async Task<ProbeResult> ProbeAsync(Probe probe, CancellationToken cancellationToken)
    {
        var first = await prober.ProbeAsync(probe, cancellationToken).ConfigureAwait(false);
        if (first.Answered)
        {
            return first;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var result = await _probeRetry.Value.ExecuteAsync(async token => await prober.ProbeAsync(probe, token).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
        return result.Answered ? result : result with { Detail = $"{result.Detail} (last of {Count} attempts)" };
    }

    /// <summary>The echo service's answer for one source address (<c>verify.echo_url</c>).</summary>
    public async Task<AddressAnswer> AskAsync(IPAddress source, Uri url, CancellationToken cancellationToken)
    {
        var first = await prober.AskAddressAsync(source, url, attemptTimeout, cancellationToken).ConfigureAwait(false);
        if (first.Address is not null)
        {
            return first;
        }
        cancellationToken.ThrowIfCancellationRequested();
        return await _askRetry.Value.ExecuteAsync(
            async token => await prober.AskAddressAsync(source, url, attemptTimeout, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    // The attempts after the first, back to back: each attempt already waits its share of the timeout.
    private static ResiliencePipeline<T> Retry<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(Func<T, bool> failed) =>
        new ResiliencePipelineBuilder<T>()
            .AddRetry(new RetryStrategyOptions<T>
            {
                ShouldHandle = new PredicateBuilder<T>().HandleResult(failed),
                MaxRetryAttempts = Count - 1 - 1,
                Delay = TimeSpan.Zero,
            })
            .Build();
}
