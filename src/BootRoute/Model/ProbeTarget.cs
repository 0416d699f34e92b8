using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BootRoute.Model;

/// <summary>
/// One entry of <c>verify.targets</c>: a host outside the cloud that every managed address probes.
/// Without <see cref="Port"/> the probe is an ICMP echo; with it, a TCP connect (for networks that
/// drop ICMP). What the target sees is the NIC's floating IP, so an answer proves the provider's NAT
/// and the return path of that NIC. An IPv6 target is probed from each NIC's IPv6 address (no NAT:
/// the answer proves the NIC's own return path), an IPv4 one from its IPv4 address.
/// </summary>
public sealed record ProbeTarget(IPAddress Address, int? Port)
{
    public override string ToString() => Port switch
    {
        null => Address.ToString(),
        int port when Address.AddressFamily == AddressFamily.InterNetworkV6 => $"[{Address}]:{port.ToString(CultureInfo.InvariantCulture)}",
        int port => $"{Address}:{port.ToString(CultureInfo.InvariantCulture)}",
    };

    /// <summary>How the probe is sent, for check names: "icmp" or "tcp".</summary>
    public string Protocol => Port is null ? "icmp" : "tcp";

    /// <summary>Whether <paramref name="text"/> is meant as IPv6 (two colons, or a bracket): its error then explains IPv6's form.</summary>
    public static bool LooksLikeIPv6(string text) => text.StartsWith('[') || text.Count(c => c == ':') > 1;

    /// <summary>
    /// <c>192.0.2.10</c> or <c>192.0.2.10:443</c> (dotted quads only), <c>2001:db8::10</c> or
    /// <c>[2001:db8::10]:443</c> (a global IPv6 address: no scope, not link-local, multicast or an
    /// IPv4-mapped one); ports 1–65535.
    /// </summary>
    public static bool TryParse(string text, out ProbeTarget target)
    {
        target = new ProbeTarget(IPAddress.None, null);
        if (LooksLikeIPv6(text))
        {
            return TryParseIPv6(text, out target);
        }
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string host = colon < 0 ? text : text[..colon];
        if (!StrictParse.TryParseIPv4(host, out var address) || address.Equals(IPAddress.Any))
        {
            return false;
        }
        return TryPort(address, colon < 0 ? null : text[(colon + 1)..], out target);
    }

    private static bool TryParseIPv6(string text, out ProbeTarget target)
    {
        target = new ProbeTarget(IPAddress.None, null);
        string host = text;
        string? port = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }
            host = text[1..close];
            port = text[(close + 2)..];
        }
        // The framework's parser also takes brackets, a port, a scope id: here each is a typo.
        if (host.Length == 0 || !host.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
            || !IPAddress.TryParse(host, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6
            || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6Multicast
            || address.IsIPv6SiteLocal || address.IsIPv4MappedToIPv6)
        {
            return false;
        }
        return TryPort(address, port, out target);
    }

    private static bool TryPort(IPAddress address, string? text, out ProbeTarget target)
    {
        target = new ProbeTarget(address, null);
        if (text is null)
        {
            return true;
        }
        if (!StrictParse.TryParseUInt(text, out uint port) || port is 0 or > 65535)
        {
            return false;
        }
        target = new ProbeTarget(address, (int)port);
        return true;
    }
}
