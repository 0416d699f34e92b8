using System.Net;

namespace BootRoute.Verification;

/// <summary>The probes verification sends; each is bounded by its own timeout and never throws for a network failure.</summary>
public interface IProber
{
    /// <summary>Sends <paramref name="probe"/> once and waits for its reply.</summary>
    Task<ProbeResult> ProbeAsync(Probe probe, CancellationToken cancellationToken);

    /// <summary>
    /// An HTTP GET of a "what is my IP" service from <paramref name="source"/>: the answer is the
    /// address the provider translated it to, the NIC's floating IP.
    /// </summary>
    Task<AddressAnswer> AskAddressAsync(IPAddress source, Uri url, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>The address an echo service saw, or null with the reason in <see cref="Detail"/>.</summary>
public sealed record AddressAnswer(IPAddress? Address, TimeSpan Elapsed, string Detail);
