using BootRoute.Model;

namespace BootRoute.Discovery.Networkd;

/// <summary>
/// The KEY=VALUE form networkd wrote up to systemd 256 (dhcp_lease_save() in sd-dhcp-lease.c; these
/// are the keys systemd 252's networkd binary writes):
/// <code>
/// # This is private data. Do not parse.
/// ADDRESS=100.64.1.57
/// NETMASK=255.255.255.0
/// ROUTER=100.64.1.1 100.64.1.2                       space-separated; the first is option 3's gateway
/// SERVER_ADDRESS=100.64.1.1
/// T1=1800                                             seconds
/// T2=3150
/// LIFETIME=3600                                       seconds, from when the lease was acquired
/// CLASSLESS_ROUTES=169.254.169.254/32,100.64.1.2 0.0.0.0/0,100.64.1.1     option 121: dest/len,gw …
/// OPTION_245=…                                        private options, hex
/// </code>
/// This form has no acquisition time, so the expiry is counted from the file's mtime; networkd also
/// rewrites the file on other link changes, so the expiry may come out somewhat late.
/// </summary>
internal static class NetworkdKeyValueLease
{
    public static string? Read(string content, NetworkdLeaseFields fields)
    {
        int lineNumber = 0;
        foreach (string raw in content.Split('\n'))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return $"line {lineNumber}: not KEY=VALUE";
            }
            string key = line[..equals].Trim();
            string value = Unquote(line[(equals + 1)..].Trim());
            string? error = key switch
            {
                "ADDRESS" => Address(value, a => fields.Address = a),
                "NETMASK" => Address(value, a => fields.Netmask = a),
                "ROUTER" => value.Length == 0 ? null : Address(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], a => fields.FirstRouter = a),
                "CLASSLESS_ROUTES" => Routes(value, fields),
                "LIFETIME" => Lifetime(value, fields),
                _ => null,
            };
            if (error is not null)
            {
                return $"line {lineNumber}: {key}: {error}";
            }
        }
        return null;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'' ? value[1..^1] : value;

    private static string? Address(string text, Action<System.Net.IPAddress> set)
    {
        var address = LeaseValues.ParseDottedIPv4(text);
        if (address is null)
        {
            return $"\"{text}\" is not an IPv4 address";
        }
        set(address);
        return null;
    }

    private static string? Routes(string value, NetworkdLeaseFields fields)
    {
        var routes = new List<ClasslessStaticRoute>();
        foreach (string entry in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // dest/len,gw
            string[] parts = entry.Split(',');
            string[] destination = parts[0].Split('/');
            var route = parts.Length == 2 && destination.Length == 2
                        && int.TryParse(destination[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int length)
                        && LeaseValues.ParseDottedIPv4(destination[0]) is { } network
                        && LeaseValues.ParseDottedIPv4(parts[1]) is { } gateway
                ? NetworkdLeaseFields.Route(network, length, gateway)
                : null;
            if (route is null)
            {
                return $"\"{entry}\" is not dest/len,gateway";
            }
            routes.Add(route);
        }
        fields.ClasslessRoutes = routes;
        return null;
    }

    private static string? Lifetime(string value, NetworkdLeaseFields fields)
    {
        // option 51's all-ones "infinity" (RFC 2132 §9.2) is written as the plain number.
        if (value == "4294967295")
        {
            fields.HasLifetime = true;
            fields.Lifetime = null;
            return null;
        }
        if (!NetworkdTimespan.TryParse(value, out var span))
        {
            return $"\"{value}\" is not a number of seconds";
        }
        fields.HasLifetime = true;
        fields.Lifetime = span;
        return null;
    }
}
