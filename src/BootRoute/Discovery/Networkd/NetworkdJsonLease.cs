using System.Globalization;
using System.Net;
using System.Text.Json;
using BootRoute.Model;

namespace BootRoute.Discovery.Networkd;

/// <summary>
/// The JSON form newer networkd writes (dhcp_lease_append_json() in sd-dhcp-lease.c). Addresses are
/// byte arrays with a "…String" twin; times are systemd time spans and timestamps:
/// <code>
/// {
///   "Address": [100, 64, 1, 57], "AddressString": "100.64.1.57",
///   "Netmask": [255, 255, 255, 0], "NetmaskString": "255.255.255.0",
///   "Router": [[100, 64, 1, 254]],
///   "Lifetime": "1h", "T1": "30min", "T2": "52min 30s",
///   "Classless_Routes": [ { "Destination": [0, 0, 0, 0], "DestinationString": "0.0.0.0",
///                           "Gateway": [100, 64, 1, 1], "GatewayString": "100.64.1.1",
///                           "DestinationPrefixLength": 0 } ],
///   "Timestamp_realtime": "Mon 2026-11-23 09:31:11.123456 UTC"
/// }
/// </code>
/// Read tolerantly: an address may be a byte array or a dotted string, a time span a number of seconds.
/// JsonDocument, not a serializer, so there is no reflection for NativeAOT to trip on.
/// </summary>
internal static class NetworkdJsonLease
{
    public static string? Read(string content, NetworkdLeaseFields fields)
    {
        try
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"JSON lease is a {root.ValueKind}, not an object";
            }
            return Read(root, fields);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: text with a lone surrogate cannot even be transcoded to UTF-8 for the reader.
            return $"not valid JSON: {e.Message}";
        }
    }

    /// <summary>Each member in turn; the first one that cannot be used is the lease's one problem.</summary>
    private static string? Read(JsonElement root, NetworkdLeaseFields fields) =>
        ReadAddresses(root, fields) ?? ReadRouter(root, fields) ?? ReadClasslessRoutes(root, fields)
        ?? ReadLifetime(root, fields) ?? ReadTimestamp(root, fields);

    private static string? ReadAddresses(JsonElement root, NetworkdLeaseFields fields)
    {
        if (Property(root, "Address") is { } address)
        {
            fields.Address = ParseAddress(address) ?? (Property(root, "AddressString") is { } s ? ParseAddress(s) : null);
            if (fields.Address is null)
            {
                return $"Address {address.GetRawText()} is not an IPv4 address";
            }
        }
        if (Property(root, "Netmask") is { } mask)
        {
            fields.Netmask = ParseAddress(mask) ?? (Property(root, "NetmaskString") is { } s ? ParseAddress(s) : null);
            if (fields.Netmask is null)
            {
                return $"Netmask {mask.GetRawText()} is not an IPv4 address";
            }
        }
        return null;
    }

    private static string? ReadRouter(JsonElement root, NetworkdLeaseFields fields)
    {
        if (Property(root, "Router") is { } router)
        {
            // An array of addresses, each a byte array or a string; or one address on its own.
            var first = router.ValueKind == JsonValueKind.Array && router.GetArrayLength() > 0
                        && router[0].ValueKind is JsonValueKind.Array or JsonValueKind.String
                ? router[0]
                : router;
            bool empty = router.ValueKind == JsonValueKind.Array && router.GetArrayLength() == 0;
            fields.FirstRouter = empty ? null : ParseAddress(first);
            if (!empty && fields.FirstRouter is null)
            {
                return $"Router {router.GetRawText()} is not a list of IPv4 addresses";
            }
        }
        return null;
    }

    private static string? ReadClasslessRoutes(JsonElement root, NetworkdLeaseFields fields) =>
        Property(root, "Classless_Routes") is { } routes ? ReadRoutes(routes, fields) : null;

    private static string? ReadLifetime(JsonElement root, NetworkdLeaseFields fields)
    {
        if (Property(root, "Lifetime") is { } lifetime)
        {
            TimeSpan? span = null;
            bool ok = lifetime.ValueKind switch
            {
                JsonValueKind.String => JsonStrings.Get(lifetime) is { } text && NetworkdTimespan.TryParse(text, out span),
                JsonValueKind.Number when lifetime.TryGetUInt32(out uint seconds) => Seconds(seconds, out span),
                _ => false,
            };
            if (!ok)
            {
                return $"Lifetime {lifetime.GetRawText()} is not a time span";
            }
            fields.HasLifetime = true;
            fields.Lifetime = span;
        }
        return null;
    }

    /// <summary>Never fails the lease: a bad timestamp only costs the expiry its start (a warning).</summary>
    private static string? ReadTimestamp(JsonElement root, NetworkdLeaseFields fields)
    {
        if (Property(root, "Timestamp_realtime") is { ValueKind: JsonValueKind.String } stamp)
        {
            fields.Acquired = JsonStrings.Get(stamp) is { } text ? ParseTimestamp(text) : null;
            if (fields.Acquired is null)
            {
                // The lease is still good; only its expiry falls back to the file's mtime. The raw JSON,
                // not the decoded text: it is what the file says, escapes and all.
                fields.Warnings.Add($"Timestamp_realtime {stamp.GetRawText()} is not \"Www YYYY-MM-DD HH:MM:SS[.ffffff] UTC\"; expiry counted from the file's mtime");
            }
        }
        return null;
    }

    private static bool Seconds(uint seconds, out TimeSpan? span)
    {
        span = seconds == uint.MaxValue ? null : TimeSpan.FromSeconds(seconds);
        return true;
    }

    private static string? ReadRoutes(JsonElement routes, NetworkdLeaseFields fields)
    {
        if (routes.ValueKind != JsonValueKind.Array)
        {
            return "Classless_Routes is not an array";
        }
        var list = new List<ClasslessStaticRoute>();
        int index = 0;
        foreach (var entry in routes.EnumerateArray())
        {
            ClasslessStaticRoute? route = null;
            if (entry.ValueKind == JsonValueKind.Object)
            {
                var destination = Property(entry, "Destination") is { } d ? ParseAddress(d) : null;
                destination ??= Property(entry, "DestinationString") is { } ds ? ParseAddress(ds) : null;
                var gateway = Property(entry, "Gateway") is { } g ? ParseAddress(g) : null;
                gateway ??= Property(entry, "GatewayString") is { } gs ? ParseAddress(gs) : null;
                if (destination is not null && gateway is not null
                    && Property(entry, "DestinationPrefixLength") is { ValueKind: JsonValueKind.Number } length
                    && length.TryGetInt32(out int prefixLength))
                {
                    route = NetworkdLeaseFields.Route(destination, prefixLength, gateway);
                }
            }
            if (route is null)
            {
                return $"Classless_Routes[{index}] is not {{Destination, DestinationPrefixLength ≤ 32, Gateway}}";
            }
            list.Add(route);
            index++;
        }
        fields.ClasslessRoutes = list;
        return null;
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>[a, b, c, d] of bytes, or "a.b.c.d".</summary>
    private static IPAddress? ParseAddress(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return JsonStrings.Get(element) is { } text ? LeaseValues.ParseDottedIPv4(text) : null;
        }
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 4)
        {
            return null;
        }
        Span<byte> bytes = stackalloc byte[4];
        for (int i = 0; i < 4; i++)
        {
            if (element[i].ValueKind != JsonValueKind.Number || !element[i].TryGetByte(out bytes[i]))
            {
                return null;
            }
        }
        return new IPAddress(bytes);
    }

    /// <summary>
    /// FORMAT_TIMESTAMP_STYLE(TIMESTAMP_US): "Mon 2026-11-23 09:31:11.123456 UTC". networkd runs with
    /// the system's zone, but only UTC (and a numeric offset) can be read without a zone database lookup
    /// by abbreviation, which is ambiguous; other zones give a warning and the file's mtime rather than a wrong time.
    /// </summary>
    internal static DateTimeOffset? ParseTimestamp(string text)
    {
        string[] parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4 || parts[0].Length != 3)
        {
            return null;
        }
        string zone = parts[3] switch
        {
            "UTC" or "GMT" or "Z" => "+00:00",
            ['+' or '-', _, _, _, _] z => $"{z[..3]}:{z[3..]}",
            _ => "",
        };
        if (zone.Length == 0)
        {
            return null;
        }
        string[] formats = ["yyyy-MM-dd HH:mm:ss.ffffffzzz", "yyyy-MM-dd HH:mm:sszzz"];
        return DateTimeOffset.TryParseExact($"{parts[1]} {parts[2]}{zone}", formats, CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var value) ? value : null;
    }
}
