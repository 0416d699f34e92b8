using System.Net;

namespace BootRoute.Verification;

/// <summary>Active probes sent from a given source address, so the policy rules choose the path.</summary>
public interface IProber
{
    /// <summary>One ICMP echo from <paramref name="source"/> to <paramref name="target"/>, bounded by <paramref name="timeout"/>.</summary>
    Task<ProbeResult> EchoAsync(IPAddress source, IPAddress target, TimeSpan timeout, CancellationToken cancellationToken);
}

public sealed record ProbeResult(bool Answered, TimeSpan Elapsed, string Detail);
