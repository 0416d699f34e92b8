using System.Globalization;
using System.Net;
using BootRoute.Model;

namespace BootRoute.Discovery.NetworkManager;

/// <summary>
/// Reads the DHCPv4 lease from one NetworkManager device state file (<c>/run/NetworkManager/devices/&lt;ifindex&gt;</c>,
/// NetworkManager ≥ 1.40). NetworkManager copies the lease's options into a <c>[dhcp4]</c> group under
/// the names nmcli shows as <c>DHCP4.OPTION</c>:
/// <code>
/// [device]
/// managed=true
/// connection-uuid=…
///
/// [dhcp4]
/// ip_address=100.64.1.57
/// subnet_mask=255.255.255.0
/// routers=100.64.1.254 100.64.1.253                     space-separated; the first is option 3's gateway
/// rfc3442_classless_static_routes=0.0.0.0/0 100.64.1.1  option 121: "dest/len gateway" pairs, space-separated
/// ms_classless_static_routes=…                          option 249, same format; only without 121
/// dhcp_lease_time=3600
/// expiry=1795431071                                     when the lease ends, seconds since 1970
/// requested_routers=1                                   what was asked for; ignored
/// </code>
/// Keys are also accepted with a <c>dhcp4.</c> prefix, and <c>classless_static_routes</c> for option 121
/// (the dhclient plugin's name), since the exact spelling has varied. Pure: the caller reads the file.
/// A file without <c>[dhcp4]</c> is a device without a DHCPv4 lease: no lease and no diagnostic.
/// </summary>
internal static class NetworkManagerDeviceParser
{
    /// <summary>Real device files are well under a kilobyte.</summary>
    public const int MaximumLength = 64 * 1024;

    /// <param name="written">The file's mtime: the start of the lease when it has a lease time but no expiry.</param>
    /// <param name="path">For diagnostics and <see cref="Lease.Source"/> ("networkmanager:&lt;path&gt;").</param>
    public static (Lease? Lease, string? Diagnostic) Parse(string content, string interfaceName, DateTimeOffset written, string path)
    {
        string? error = Build(content, interfaceName, written, path, out var lease);
        return error is null ? (lease, null) : (null, $"networkmanager:{path}: lease for {interfaceName} skipped: {error}");
    }

    private static string? Build(string content, string interfaceName, DateTimeOffset written, string path, out Lease? lease)
    {
        lease = null;
        if (content.Length > MaximumLength)
        {
            return $"over {MaximumLength} bytes: too big for a device state file";
        }
        if (content.Contains('\0', StringComparison.Ordinal))
        {
            return "holds NUL bytes: not a key file";
        }
        var group = NetworkManagerKeyFile.ReadGroup(content, "dhcp4", out string? error);
        if (error is not null)
        {
            return error;
        }
        if (group is null)
        {
            return null; // no DHCPv4 on this device
        }
        var dhcp4 = new Dhcp4Options(group);
        // Checked in the order of the file's usual keys; the first problem found is the one reported.
        if (ReadAddress(dhcp4, out var address) is { } badAddress)
        {
            return badAddress;
        }
        if (ReadPrefixLength(dhcp4, out int? prefixLength) is { } badMask)
        {
            return badMask;
        }
        if (ReadRouting(dhcp4, out var routing) is { } badRoutes)
        {
            return badRoutes;
        }
        if (ReadExpiry(dhcp4, written, out var expiry) is { } badExpiry)
        {
            return badExpiry;
        }
        lease = new Lease(interfaceName, address!, prefixLength, routing.Gateway, routing.ClasslessRoutes, $"networkmanager:{path}") { Expiry = expiry };
        return null;
    }

    /// <summary>The <c>[dhcp4]</c> group, whose keys may carry a <c>dhcp4.</c> prefix.</summary>
    private readonly struct Dhcp4Options(Dictionary<string, string> group)
    {
        public string? Get(string key) =>
            group.TryGetValue(key, out var value) || group.TryGetValue("dhcp4." + key, out value) ? value : null;
    }

    private static string? ReadAddress(Dhcp4Options dhcp4, out IPAddress? address)
    {
        address = null;
        if (dhcp4.Get("ip_address") is not { } addressText)
        {
            return "[dhcp4] has no ip_address";
        }
        address = LeaseValues.ParseDottedIPv4(addressText);
        return address is null ? $"ip_address \"{addressText}\" is not an IPv4 address" : null;
    }

    private static string? ReadPrefixLength(Dhcp4Options dhcp4, out int? prefixLength)
    {
        prefixLength = null;
        if (dhcp4.Get("subnet_mask") is { } maskText)
        {
            prefixLength = LeaseValues.ParseDottedIPv4(maskText) is { } mask ? LeaseValues.PrefixFromMask(mask) : null;
            if (prefixLength is null)
            {
                return $"subnet_mask \"{maskText}\" is not a contiguous IPv4 mask";
            }
        }
        return null;
    }

    /// <summary>Routers and classless routes, resolved by <see cref="DhcpRouting"/>.</summary>
    private static string? ReadRouting(Dhcp4Options dhcp4, out DhcpRouting routing)
    {
        routing = DhcpRouting.Resolve(null, null);
        IPAddress? firstRouter = null;
        if (dhcp4.Get("routers") is { Length: > 0 } routersText)
        {
            string first = routersText.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            firstRouter = LeaseValues.ParseDottedIPv4(first);
            if (firstRouter is null)
            {
                return $"routers \"{routersText}\" is not a list of IPv4 addresses";
            }
        }
        // Option 249 (ms_) is not even parsed when 121 is there: DhcpRouting would ignore it.
        string? error = ReadClassless(dhcp4, ["rfc3442_classless_static_routes", "classless_static_routes"], out var option121);
        List<ClasslessStaticRoute>? option249 = null;
        if (error is null && option121 is null)
        {
            error = ReadClassless(dhcp4, ["ms_classless_static_routes"], out option249);
        }
        routing = DhcpRouting.Resolve(firstRouter, option121, option249);
        return error;
    }

    /// <summary>The routes under the first of <paramref name="keys"/> present; null routes when none is.</summary>
    private static string? ReadClassless(Dhcp4Options dhcp4, string[] keys, out List<ClasslessStaticRoute>? routes)
    {
        routes = null;
        foreach (string key in keys)
        {
            if (dhcp4.Get(key) is { } routesText)
            {
                routes = ParseRoutes(routesText);
                return routes is null ? $"{key} \"{routesText}\" is not \"dest/len gateway\" pairs" : null;
            }
        }
        return null;
    }

    private static string? ReadExpiry(Dhcp4Options dhcp4, DateTimeOffset written, out DateTimeOffset? expiry)
    {
        expiry = null;
        if (dhcp4.Get("expiry") is { } expiryText)
        {
            if (LeaseValues.ParseEpoch(expiryText) is not { } epoch)
            {
                // An end given as a time that cannot be is no lease (unlike a huge lifetime, which is clamped).
                return LeaseValues.IsEpochPastTheCalendar(expiryText)
                    ? $"expiry \"{expiryText}\" {LeaseValues.PastTheCalendar}"
                    : $"expiry \"{expiryText}\" is not seconds since 1970";
            }
            expiry = epoch;
        }
        else if (dhcp4.Get("dhcp_lease_time") is { } leaseTimeText)
        {
            if (!uint.TryParse(leaseTimeText, NumberStyles.None, CultureInfo.InvariantCulture, out uint seconds))
            {
                return $"dhcp_lease_time \"{leaseTimeText}\" is not a number of seconds";
            }
            expiry = seconds == uint.MaxValue ? null : LeaseValues.ExpiryAfter(written, TimeSpan.FromSeconds(seconds)); // all ones: infinite (RFC 2132 §9.2)
        }
        return null;
    }

    /// <summary>
    /// "100.64.0.0/10 100.64.1.1 0.0.0.0/0 100.64.1.1" (the internal client: destinations and gateways
    /// alternate), or the option's bytes as decimals, "10 100 64 100 64 1 1 0 100 64 1 1" (the dhclient
    /// plugin passes on dhclient's value); NetworkManager itself accepts both.
    /// </summary>
    private static List<ClasslessStaticRoute>? ParseRoutes(string text)
    {
        string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0 && !text.Contains('/', StringComparison.Ordinal) && !text.Contains('.', StringComparison.Ordinal))
        {
            byte[] bytes = new byte[words.Length];
            for (int i = 0; i < words.Length; i++)
            {
                if (!byte.TryParse(words[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
                {
                    return null;
                }
            }
            return ClasslessStaticRouteDecoder.TryDecode(bytes, out var decoded, out _) ? decoded : null;
        }
        if (words.Length % 2 != 0)
        {
            return null;
        }
        var routes = new List<ClasslessStaticRoute>();
        for (int i = 0; i < words.Length; i += 2)
        {
            string[] destination = words[i].Split('/');
            if (destination.Length != 2
                || !int.TryParse(destination[1], NumberStyles.None, CultureInfo.InvariantCulture, out int length) || length > 32
                || LeaseValues.ParseDottedIPv4(destination[0]) is not { } network
                || LeaseValues.ParseDottedIPv4(words[i + 1]) is not { } gateway)
            {
                return null;
            }
            routes.Add(new ClasslessStaticRoute(Network(network, length), gateway));
        }
        return routes;
    }

    /// <summary>Host bits cleared: the server still means the network.</summary>
    private static IPNetwork Network(IPAddress address, int length) => new IPNetwork(address, length).Normalize();
}
