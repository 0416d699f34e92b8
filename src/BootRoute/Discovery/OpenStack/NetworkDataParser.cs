using System.Net.NetworkInformation;
using System.Net;
using System.Text.Json;
using BootRoute.Model;

namespace BootRoute.Discovery.OpenStack;

/// <summary>
/// Turns the text of nova's <c>network_data.json</c> into leases, naming NICs by MAC against the
/// snapshot's links. The parts read (nova's doc/api_schemas/network_data.json, virt/netutils.py):
/// <code>
/// { "links":    [ {"id": "tap1a53", "type": "ovs", "ethernet_mac_address": "fa:16:3e:…", "mtu": 1500, "vif_id": "…"} ],
///   "networks": [ {"id": "network0", "type": "ipv4", "link": "tap1a53", "ip_address": "203.0.113.10",
///                  "netmask": "255.255.255.0",
///                  "routes": [ {"network": "0.0.0.0", "netmask": "0.0.0.0", "gateway": "203.0.113.1"} ] } ],
///   "services": [ {"type": "dns", "address": "…"} ] }
/// </code>
/// Only static <c>ipv4</c> networks give a lease. For a subnet with DHCP nova writes <c>ipv4_dhcp</c>
/// with no address, gateway or routes, so the DHCP client's lease or the kernel has to supply it.
/// The <c>ipv6*</c> networks that carry an address give IPv6 leases (<see cref="NetworkDataIPv6"/>).
/// Every problem becomes a diagnostic; nothing throws.
/// </summary>
internal static class NetworkDataParser
{
    /// <param name="content">The file's text.</param>
    /// <param name="path">Where it was read, for <see cref="Lease.Source"/> and messages.</param>
    /// <param name="links">The kernel's links, to turn MACs into interface names.</param>
    public static LeaseReadResult Parse(string content, string path, IReadOnlyList<Link> links)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(links);
        var diagnostics = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: text with a lone surrogate cannot even be transcoded to UTF-8 for the reader.
            diagnostics.Add($"{path}: invalid JSON: {e.Message.ReplaceLineEndings(" ")}");
            return new LeaseReadResult([], diagnostics);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Add($"{path}: must be a JSON object with links and networks, not {Describe(root)}");
                return new LeaseReadResult([], diagnostics);
            }
            var nics = MatchLinks(root, path, links, diagnostics);
            var ipv6 = new List<IPv6Lease>();
            var leases = ReadNetworks(root, path, nics, diagnostics, ipv6);
            return new LeaseReadResult(leases.OrderBy(l => l.Interface, StringComparer.Ordinal).ToList(), diagnostics) { IPv6 = ipv6 };
        }
    }

    /// <summary>
    /// <c>links[].id</c> → the kernel link with that MAC, or null for a link that matches no NIC (so
    /// its networks are skipped without a second message).
    /// </summary>
    private static Dictionary<string, Link?> MatchLinks(JsonElement root, string path, IReadOnlyList<Link> links, List<string> diagnostics)
    {
        var nics = new Dictionary<string, Link?>(StringComparer.Ordinal);
        foreach (var (item, where) in Array(root, "links", path, $"{path}: links", diagnostics))
        {
            if (Text(item, "id", where, diagnostics) is not { } id || Text(item, "ethernet_mac_address", where, diagnostics) is not { } macText)
            {
                continue;
            }
            string label = $"{where} ({id})";
            if (!TryParseMac(macText, out var mac))
            {
                diagnostics.Add($"{label}: ethernet_mac_address must be a MAC address such as fa:16:3e:00:00:04, not \"{macText}\"");
                nics[id] = null;
                continue;
            }
            nics[id] = FindNic(links, mac, Text(item, "type", where, null), label, macText, diagnostics);
        }
        return nics;
    }

    /// <summary>
    /// A bond's slaves and a VLAN's parent carry the same MAC as the bond or VLAN itself, so slaves
    /// are never candidates and, when several links remain, the one whose kind matches the entry's
    /// type (bond, vlan; none for a plain NIC) is taken.
    /// </summary>
    private static Link? FindNic(IReadOnlyList<Link> links, PhysicalAddress mac, string? type, string label, string macText, List<string> diagnostics)
    {
        var candidates = links.Where(l => !l.IsLoopback && l.MasterIndex is null && mac.Equals(l.MacAddress)).ToList();
        if (candidates.Count > 1)
        {
            string? kind = type is "bond" or "vlan" ? type : null;
            candidates = candidates.Where(l => l.Kind == kind).ToList();
        }
        switch (candidates.Count)
        {
            case 1:
                return candidates[0];
            case 0:
                diagnostics.Add($"{label}: no interface has MAC {macText}; its networks are skipped");
                return null;
            default:
                diagnostics.Add($"{label}: several interfaces have MAC {macText} ({string.Join(", ", candidates.Select(l => l.Name))}); its networks are skipped");
                return null;
        }
    }

    private static List<Lease> ReadNetworks(JsonElement root, string path, Dictionary<string, Link?> nics, List<string> diagnostics, List<IPv6Lease> ipv6)
    {
        var leases = new Dictionary<string, (Lease Lease, string Network)>(StringComparer.Ordinal);
        foreach (var (item, where) in Array(root, "networks", path, $"{path}: networks", diagnostics))
        {
            if (Text(item, "type", where, diagnostics) is not { } type || Text(item, "link", where, diagnostics) is not { } linkId)
            {
                continue;
            }
            string id = Text(item, "id", where, null) ?? where;
            string label = $"{where} ({id})";
            // ipv4_dhcp carries nothing to read.
            bool isIPv6 = type.StartsWith(NetworkDataIPv6.TypePrefix, StringComparison.Ordinal);
            if (type != "ipv4" && !isIPv6)
            {
                continue;
            }
            if (!nics.TryGetValue(linkId, out var nic))
            {
                diagnostics.Add($"{label}: link \"{linkId}\" is not in links");
                continue;
            }
            if (isIPv6)
            {
                // Its own list: a bad IPv6 network never costs the NIC its IPv4 lease.
                ipv6.AddRange(nic is null ? [] : NetworkDataIPv6.Read(item, where, label, nic.Name, $"openstack:{path}", diagnostics));
                continue;
            }
            if (nic is null || ReadStatic(item, where, label, nic.Name, path, diagnostics) is not { } lease)
            {
                continue;
            }
            if (leases.TryGetValue(nic.Name, out var earlier))
            {
                // A port with two fixed IPs: the first is what cloud-init configures as the primary address.
                diagnostics.Add($"{label}: {nic.Name} already has {earlier.Lease.Address} from {earlier.Network}; {lease.Address} is ignored");
                continue;
            }
            leases[nic.Name] = (lease, id);
        }
        return leases.Values.Select(v => v.Lease).ToList();
    }

    /// <summary>One static <c>ipv4</c> network; null (with a diagnostic) when it cannot be used.</summary>
    private static Lease? ReadStatic(JsonElement network, string where, string label, string interfaceName, string path, List<string> diagnostics)
    {
        if (Address(network, "ip_address", label, diagnostics) is not { } address
            || Prefix(network, "netmask", label, diagnostics) is not { } prefix)
        {
            return null;
        }
        IPAddress? gateway = null;
        var routes = new List<ClasslessStaticRoute>();
        foreach (var (route, routeWhere) in Array(network, "routes", label, $"{where}.routes", diagnostics, required: false))
        {
            if (Address(route, "network", routeWhere, diagnostics) is not { } destination
                || Prefix(route, "netmask", routeWhere, diagnostics) is not { } routePrefix
                || Address(route, "gateway", routeWhere, diagnostics) is not { } via)
            {
                continue;
            }
            if (routePrefix == 0)
            {
                gateway ??= via; // nova writes the subnet's gateway_ip first
            }
            else
            {
                routes.Add(new ClasslessStaticRoute(new IPNetwork(destination, routePrefix).Normalize(), via));
            }
        }
        return new Lease(interfaceName, address, prefix, gateway, routes, $"openstack:{path}");
    }

    /// <summary>
    /// The objects of an array member, each with its path for messages (<paramref name="display"/>
    /// plus the index: <c>…/network_data.json: networks[1].routes[0]</c>).
    /// </summary>
    internal static IEnumerable<(JsonElement Item, string Where)> Array(JsonElement parent, string name, string parentLabel, string display, List<string> diagnostics, bool required = true)
    {
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                diagnostics.Add($"{parentLabel}: has no {name}");
            }
            yield break;
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Add($"{display}: must be a list, not {Describe(array)}");
            yield break;
        }
        int index = 0;
        foreach (var item in array.EnumerateArray())
        {
            string where = $"{display}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Add($"{where}: must be an object, not {Describe(item)}");
                continue;
            }
            yield return (item, where);
        }
    }

    /// <summary>A string member; null with a diagnostic (when <paramref name="diagnostics"/> is given) if missing or not a string.</summary>
    internal static string? Text(JsonElement item, string name, string where, List<string>? diagnostics)
    {
        if (item.TryGetProperty(name, out var value) && JsonStrings.Get(value) is { } text)
        {
            return text;
        }
        diagnostics?.Add(item.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null
            ? $"{where}: {name} must be {(value.ValueKind == JsonValueKind.String ? "text" : "a string")}, not {Describe(value)}"
            : $"{where}: has no {name}");
        return null;
    }

    private static IPAddress? Address(JsonElement item, string name, string where, List<string> diagnostics)
    {
        if (Text(item, name, where, diagnostics) is not { } text)
        {
            return null;
        }
        if (StrictParse.TryParseIPv4(text, out var address))
        {
            return address;
        }
        diagnostics.Add($"{where}: {name} must be an IPv4 address, not \"{text}\"");
        return null;
    }

    /// <summary>A dotted netmask as a prefix length; a mask with holes (255.0.255.0) is refused.</summary>
    private static int? Prefix(JsonElement item, string name, string where, List<string> diagnostics)
    {
        if (Text(item, name, where, diagnostics) is not { } text)
        {
            return null;
        }
        if (StrictParse.TryParseIPv4(text, out var mask))
        {
            Span<byte> bytes = stackalloc byte[4];
            mask.TryWriteBytes(bytes, out _);
            uint bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
            int prefix = System.Numerics.BitOperations.PopCount(bits);
            if (bits == (prefix == 0 ? 0 : uint.MaxValue << (32 - prefix)))
            {
                return prefix;
            }
        }
        diagnostics.Add($"{where}: {name} must be a netmask such as 255.255.255.0, not \"{text}\"");
        return null;
    }

    /// <summary>Colon-separated, either case, as nova writes it; PhysicalAddress.Parse alone also takes dashes and bare hex.</summary>
    private static bool TryParseMac(string text, out PhysicalAddress mac)
    {
        mac = PhysicalAddress.None;
        return text.Length == 17 && text.Split(':').Length == 6 && PhysicalAddress.TryParse(text, out mac!);
    }

    internal static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        _ => element.GetRawText(), // a string as JSON: escapes kept, so a lone surrogate shows as \ud800
    };
}
