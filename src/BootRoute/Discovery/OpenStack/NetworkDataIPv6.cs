using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BootRoute.Model;

namespace BootRoute.Discovery.OpenStack;

/// <summary>
/// One <c>ipv6*</c> network of <c>network_data.json</c>: nova writes <c>ipv6</c> (static),
/// <c>ipv6_slaac</c>, <c>ipv6_dhcpv6-stateless</c> and <c>ipv6_dhcpv6-stateful</c>, the static kind
/// with the port's <c>ip_address</c>, its <c>netmask</c> and <c>routes</c> whose <c>::/0</c> entry
/// names the subnet's gateway:
/// <code>
/// {"type": "ipv6", "link": "tap77a0dc5b-72", "ip_address": "fdb8:52d0:9d14:0:f816:3eff:fe9f:70d",
///  "netmask": "ffff:ffff:ffff:ffff::", "routes": [{"network": "::", "netmask": "::", "gateway": "fdb8:52d0:9d14::1"}]}
/// </code>
/// The netmask is read as cloud-init reads it: a mask, a prefix length ("64"), or a prefix on the
/// address ("2001:db8::10/64"); none or empty is /64. A network without an address (SLAAC, DHCPv6 as
/// nova usually writes them) gives nothing: the kernel holds what the router or server assigned.
/// </summary>
internal static class NetworkDataIPv6
{
    public const string TypePrefix = "ipv6";

    private const int DefaultPrefixLength = 64;

    /// <returns>The network's address as an IPv6 lease, or nothing (with a diagnostic when it is wrong).</returns>
    public static IEnumerable<IPv6Lease> Read(JsonElement network, string where, string label, string interfaceName, string source, List<string> diagnostics)
    {
        if (!network.TryGetProperty("ip_address", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (NetworkDataParser.Text(network, "ip_address", label, diagnostics) is not { } text)
        {
            return [];
        }
        string[] parts = text.Split('/', 2);
        if (!TryParseGlobal(parts[0], out var address))
        {
            diagnostics.Add($"{label}: ip_address must be a global IPv6 address, not \"{text}\"");
            return [];
        }
        string? mask = parts.Length == 2 ? parts[1] : null;
        if (parts.Length == 1 && network.TryGetProperty("netmask", out var netmask) && netmask.ValueKind != JsonValueKind.Null
            && (mask = NetworkDataParser.Text(network, "netmask", label, diagnostics)) is null)
        {
            return [];
        }
        if (PrefixLength(mask) is not { } prefix)
        {
            diagnostics.Add($"{label}: {(parts.Length == 2 ? "ip_address's prefix" : "netmask")} must be an IPv6 netmask such as ffff:ffff:ffff:ffff:: or a prefix length from 1 to 128, not \"{mask}\"");
            return [];
        }
        return [new IPv6Lease(interfaceName, address, prefix, Gateway(network, where, label, diagnostics), source)];
    }

    /// <summary>The gateway of the <c>::/0</c> route, the first one as nova writes the subnet's gateway first.</summary>
    private static IPAddress? Gateway(JsonElement network, string where, string label, List<string> diagnostics)
    {
        foreach (var (route, routeWhere) in NetworkDataParser.Array(network, "routes", label, $"{where}.routes", diagnostics, required: false))
        {
            string? destination = NetworkDataParser.Text(route, "network", routeWhere, diagnostics);
            string? mask = NetworkDataParser.Text(route, "netmask", routeWhere, diagnostics);
            if (destination is null || mask is null || !IPAddress.TryParse(destination, out var net) || !net.Equals(IPAddress.IPv6Any)
                || !(mask is "0" || (IPAddress.TryParse(mask, out var bits) && bits.Equals(IPAddress.IPv6Any))))
            {
                continue;
            }
            if (NetworkDataParser.Text(route, "gateway", routeWhere, diagnostics) is not { } text)
            {
                continue;
            }
            if (IPAddress.TryParse(text, out var gateway) && gateway.AddressFamily == AddressFamily.InterNetworkV6 && gateway.ScopeId == 0)
            {
                return gateway;
            }
            diagnostics.Add($"{routeWhere}: gateway must be an IPv6 address, not \"{text}\"");
        }
        return null;
    }

    /// <summary>A global unicast IPv6 address: no scope, not link-local, multicast, loopback, unspecified or IPv4-mapped.</summary>
    private static bool TryParseGlobal(string text, out IPAddress address)
    {
        address = IPAddress.IPv6None;
        if (text.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6
            || parsed.IsIPv6LinkLocal || parsed.IsIPv6Multicast || parsed.IsIPv4MappedToIPv6
            || parsed.Equals(IPAddress.IPv6Loopback) || parsed.Equals(IPAddress.IPv6Any))
        {
            return false;
        }
        address = parsed;
        return true;
    }

    /// <summary>cloud-init's ipv6_mask_to_net_prefix: a contiguous mask or a decimal length; nothing is /64.</summary>
    private static int? PrefixLength(string? mask)
    {
        if (string.IsNullOrEmpty(mask))
        {
            return DefaultPrefixLength;
        }
        if (mask.All(char.IsAsciiDigit) && mask.Length <= 3)
        {
            int length = int.Parse(mask, NumberStyles.None, CultureInfo.InvariantCulture);
            return length is >= 1 and <= 128 ? length : null;
        }
        if (!mask.Contains(':', StringComparison.Ordinal) || !IPAddress.TryParse(mask, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }
        var bits = new System.Numerics.BigInteger(parsed.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        int prefix = 0;
        while (prefix < 128 && !(bits >> (127 - prefix)).IsEven)
        {
            prefix++;
        }
        var expected = prefix == 0 ? System.Numerics.BigInteger.Zero
            : ((System.Numerics.BigInteger.One << prefix) - 1) << (128 - prefix);
        return prefix >= 1 && bits == expected ? prefix : null;
    }
}
