using BootRoute.Settings;
using YamlDotNet.RepresentationModel;

namespace BootRoute.Persistence.Detection;

/// <summary>One netplan device definition (a "netdef"), as the merged files give it.</summary>
internal sealed record NetplanDefinition(
    string Id, string DeviceType, string File, string? MatchName, string? MatchMac, string? SetName, bool Dhcp6 = false, string Renderer = "networkd")
{
    /// <summary>Its static <c>addresses:</c> (address/prefix, as written), later files' appended.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>Its IPv4 default's next hop: <c>gateway4:</c>, or a <c>routes:</c> entry to default in main.</summary>
    public string? Gateway4 { get; init; }

    /// <summary>
    /// netplan's rule: with <c>match:</c> the device must satisfy every key given (name glob, MAC);
    /// <c>set-name:</c> means the NIC already carries that name; without <c>match:</c> the id is the name.
    /// </summary>
    public bool Matches(string name, string? mac)
    {
        if (SetName == name)
        {
            return true;
        }
        if (MatchName is null && MatchMac is null)
        {
            return Id == name;
        }
        return (MatchName is null || Glob.Matches(MatchName, name))
            && (MatchMac is null || string.Equals(MatchMac, mac, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>
/// Reads the image's netplan files the way <c>netplan generate</c> finds them (netplan-generate(8)):
/// <c>*.yaml</c> in /lib, /etc and /run/netplan, a same-named file in a later directory shadowing the
/// earlier, all processed in file-name order, later definitions of the same id overriding earlier
/// keys. BootRoute's own 90-bootroute.yaml is left out: detection must see the image's definitions.
/// </summary>
internal static class NetplanDefinitions
{
    /// <summary>netplan's device types, the second level of the YAML.</summary>
    public static readonly IReadOnlySet<string> DeviceTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ethernets", "bonds", "bridges", "vlans", "wifis", "modems", "tunnels", "vrfs", "dummy-devices", "virtual-ethernets", "nm-devices",
    };

    public static (IReadOnlyList<NetplanDefinition> Definitions, IReadOnlyList<string> Problems) Read(IRootFileSystem files)
    {
        var effective = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in Paths.Stacks.NetplanDirectories)
        {
            foreach (var name in files.FileNames(directory).Where(name => name.EndsWith(".yaml", StringComparison.Ordinal)))
            {
                effective[name] = $"{directory}/{name}";
            }
        }
        var byId = new Dictionary<string, NetplanDefinition>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var path in effective.Values.Where(path => path != Paths.Stacks.NetplanFile))
        {
            YamlStream stream;
            try
            {
                // Bounded: a broken or hostile file in the image is skipped with a note, never a crash.
                stream = BoundedYaml.Load(files.ReadText(path) ?? "");
            }
            catch (InvalidYamlException error)
            {
                problems.Add($"{error.Where(files.Describe(path))}: not valid YAML, so its netplan definitions are unknown: {error.Reason}");
                continue;
            }
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
                || Child(root, "network") is not YamlMappingNode network)
            {
                continue;
            }
            string networkRenderer = Scalar(network, "renderer") ?? "networkd";
            foreach (var (typeNode, typeValue) in network.Children)
            {
                if (typeNode is not YamlScalarNode { Value: { } type } || !DeviceTypes.Contains(type) || typeValue is not YamlMappingNode devices)
                {
                    continue;
                }
                string typeRenderer = Scalar(devices, "renderer") ?? networkRenderer;
                foreach (var (idNode, definition) in devices.Children)
                {
                    if (idNode is not YamlScalarNode { Value: { } id } || id == "renderer" || definition is not YamlMappingNode keys)
                    {
                        continue;
                    }
                    byId.TryGetValue(id, out var earlier);
                    byId[id] = Merged(earlier, id, type, path, keys, typeRenderer);
                }
            }
        }
        return (byId.Values.ToList(), problems);
    }

    /// <summary>One definition of an id, over what earlier files said of it: later keys override, addresses append.</summary>
    private static NetplanDefinition Merged(NetplanDefinition? earlier, string id, string type, string path, YamlMappingNode keys, string typeRenderer)
    {
        var match = Child(keys, "match") as YamlMappingNode;
        return new NetplanDefinition(
            id,
            earlier?.DeviceType ?? type,
            earlier?.File ?? path,
            match is null ? earlier?.MatchName : Scalar(match, "name"),
            match is null ? earlier?.MatchMac : Scalar(match, "macaddress"),
            Scalar(keys, "set-name") ?? earlier?.SetName,
            Dhcp6: Scalar(keys, "dhcp6") is { } dhcp6 ? IsTrue(dhcp6) : earlier?.Dhcp6 ?? false,
            Renderer: Scalar(keys, "renderer") ?? earlier?.Renderer ?? typeRenderer)
        {
            Addresses = [.. earlier?.Addresses ?? [], .. AddressesOf(keys)],
            Gateway4 = DefaultVia(keys) ?? earlier?.Gateway4,
        };
    }

    /// <summary><c>addresses:</c> entries: "a/p" scalars, or one-key mappings of "a/p" to its options (lifetime, label).</summary>
    private static IEnumerable<string> AddressesOf(YamlMappingNode keys) =>
        Child(keys, "addresses") is YamlSequenceNode addresses
            ? addresses.Children.Select(entry => entry switch
            {
                YamlScalarNode { Value: { } text } => text,
                YamlMappingNode { Children.Count: 1 } options when options.Children.Keys.Single() is YamlScalarNode { Value: { } text } => text,
                _ => null,
            }).OfType<string>()
            : [];

    /// <summary>The default route's next hop in main: a routes: entry (to default or 0.0.0.0/0, no other table) wins over the deprecated gateway4.</summary>
    private static string? DefaultVia(YamlMappingNode keys)
    {
        var routes = Child(keys, "routes") as YamlSequenceNode;
        var fromRoutes = routes?.Children.OfType<YamlMappingNode>()
            .Where(route => Scalar(route, "to") is "default" or "0.0.0.0/0" && Scalar(route, "table") is null or "254" or "main")
            .Select(route => Scalar(route, "via"))
            .FirstOrDefault(via => via is not null && !via.Contains(':', StringComparison.Ordinal));
        return fromRoutes ?? Scalar(keys, "gateway4");
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode mapping, string key) => Child(mapping, key) is YamlScalarNode { Value: { } value } ? value : null;

    /// <summary>netplan's booleans (YAML 1.1 style, as libyaml hands them over).</summary>
    private static bool IsTrue(string value) => value.ToUpperInvariant() is "TRUE" or "YES" or "ON" or "Y";
}
