using System.Net;

namespace BootRoute.Verification;

/// <summary>
/// Everything one verification found: the checks of each NIC, the probes of the primary NIC's path
/// (what rollback compares before and after an apply), the floating IPs learnt from
/// <c>verify.echo_url</c>, and notes about what could not be checked.
/// </summary>
public sealed record VerificationResult(
    IReadOnlyList<InterfaceVerification> Interfaces,
    IReadOnlyList<PathCheck> PrimaryPath,
    IReadOnlyDictionary<string, IPAddress> DiscoveredFloatingIps,
    IReadOnlyList<string> Notes)
{
    public bool Passed => Interfaces.All(nic => nic.Passed);

    public IEnumerable<string> FailedInterfaces => Interfaces.Where(nic => !nic.Passed).Select(nic => nic.Interface);
}

/// <summary>
/// One probe of the primary NIC's way out, keyed by what it probes ("next hop", "target 192.0.2.10")
/// rather than by address, so the same key before and after an apply compares the same path even
/// when the apply changed the gateway.
/// </summary>
public sealed record PathCheck(string Key, bool Passed, string Detail);
