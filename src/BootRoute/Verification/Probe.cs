using System.Net;

namespace BootRoute.Verification;

/// <summary>
/// One active probe sent from <see cref="Source"/>, so the policy rules choose its path: an ICMP echo
/// to <see cref="Destination"/>, or a TCP connect when <see cref="Port"/> is set. A reply counts only
/// if it arrives on <see cref="Ingress"/> (an ifindex; 0 accepts any), the NIC that owns the source:
/// a reply that came back by another NIC proves an asymmetric path, not a working one.
/// </summary>
public sealed record Probe(IPAddress Source, IPAddress Destination, int? Port, int Ingress, TimeSpan Timeout)
{
    public override string ToString() =>
        Port is { } port ? $"tcp {Destination}:{port} from {Source}" : $"icmp {Destination} from {Source}";
}

/// <summary>What one probe saw: whether the expected reply came back, how long it took, and what happened in words.</summary>
public sealed record ProbeResult(bool Answered, TimeSpan Elapsed, string Detail);
