using System.Globalization;
using System.Net;

namespace BootRoute.Model;

/// <summary>
/// One entry of <c>verify.targets</c>: a host outside the cloud that every managed address probes.
/// Without <see cref="Port"/> the probe is an ICMP echo; with it, a TCP connect (for networks that
/// drop ICMP). What the target sees is the NIC's floating IP, so an answer proves the provider's NAT
/// and the return path of that NIC.
/// </summary>
public sealed record ProbeTarget(IPAddress Address, int? Port)
{
    public override string ToString() =>
        Port is { } port ? $"{Address}:{port.ToString(CultureInfo.InvariantCulture)}" : Address.ToString();

    /// <summary>How the probe is sent, for check names: "icmp" or "tcp".</summary>
    public string Protocol => Port is null ? "icmp" : "tcp";

    /// <summary><c>192.0.2.10</c> or <c>192.0.2.10:443</c>; dotted quads only, ports 1–65535.</summary>
    public static bool TryParse(string text, out ProbeTarget target)
    {
        target = new ProbeTarget(IPAddress.None, null);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string host = colon < 0 ? text : text[..colon];
        if (!StrictParse.TryParseIPv4(host, out var address) || address.Equals(IPAddress.Any))
        {
            return false;
        }
        if (colon < 0)
        {
            target = new ProbeTarget(address, null);
            return true;
        }
        if (!StrictParse.TryParseUInt(text[(colon + 1)..], out uint port) || port is 0 or > 65535)
        {
            return false;
        }
        target = new ProbeTarget(address, (int)port);
        return true;
    }
}
