using System.Net;

namespace BootRoute.Verification;

/// <summary>The real probes: raw-socket ICMP echo, TCP connect and the echo-URL GET, all bound to the source address.</summary>
public sealed class SocketProber : IProber
{
    public Task<ProbeResult> ProbeAsync(Probe probe, CancellationToken cancellationToken) =>
        probe.Port is null ? IcmpProber.EchoAsync(probe, cancellationToken) : TcpProber.ConnectAsync(probe, cancellationToken);

    public Task<AddressAnswer> AskAddressAsync(IPAddress source, Uri url, TimeSpan timeout, CancellationToken cancellationToken) =>
        EchoUrlClient.AskAsync(source, url, timeout, cancellationToken);
}
