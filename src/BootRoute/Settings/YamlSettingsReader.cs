using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BootRoute.Settings;

/// <summary>
/// Reads one settings file's text through YamlDotNet's representation model (no reflection, so it is
/// AOT-safe) into a <see cref="SettingsLayer"/>, checking the shape and every value against
/// <see cref="SettingsSchema"/> on the way, so each error can name the file, the line and the key:
/// <c>/etc/bootroute/bootroute.yaml:4: interfaces[0].table: must be a number from 1 to 4294967295, not "abc"</c>.
/// </summary>
internal static class YamlSettingsReader
{
    private const string TopLevel = "(top level)";

    /// <param name="content">The file's text.</param>
    /// <param name="file">The file's path, only for messages.</param>
    /// <exception cref="ConfigurationException">Malformed YAML, YAML beyond <see cref="BoundedYaml"/>'s bounds, an unknown key, a wrong kind of node or a bad value.</exception>
    public static SettingsLayer Read(string content, string file)
    {
        YamlStream stream;
        try
        {
            stream = BoundedYaml.Load(content);
        }
        catch (InvalidYamlException e)
        {
            throw new ConfigurationException($"{e.Where(file)}: invalid YAML: {e.Reason}", e);
        }

        var entries = new Dictionary<string, SettingEntry>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0)
        {
            return new SettingsLayer(entries); // empty or comments only
        }
        if (stream.Documents.Count > 1)
        {
            throw Error(file, stream.Documents[1].RootNode, TopLevel, "only one YAML document is allowed; remove the second '---'");
        }

        var root = stream.Documents[0].RootNode;
        if (IsNull(root))
        {
            return new SettingsLayer(entries);
        }
        var replacedLists = new HashSet<string>(StringComparer.Ordinal);
        var reader = new Reader(file, entries, replacedLists);
        var top = reader.Mapping(root, TopLevel, $"a mapping of {SettingsSchema.TopLevelNames}");
        foreach (var (keyNode, value) in top.Children)
        {
            string key = reader.Key(keyNode, TopLevel);
            if (key == SettingsSchema.Interfaces)
            {
                replacedLists.Add(SettingsSchema.Interfaces);
                reader.Interfaces(value);
            }
            else if (SettingsSchema.Sections.TryGetValue(key, out var keys))
            {
                reader.Section(key, value, keys);
            }
            else
            {
                throw Error(file, keyNode, key, $"unknown key; the sections are {SettingsSchema.TopLevelNames}");
            }
        }
        return new SettingsLayer(entries, replacedLists);
    }

    /// <summary>Walks the document with the file name and the entries being filled.</summary>
    private sealed class Reader(string file, Dictionary<string, SettingEntry> entries, HashSet<string> replacedLists)
    {
        public YamlMappingNode Mapping(YamlNode node, string path, string expected) =>
            node as YamlMappingNode ?? throw Error(file, node, path, $"must be {expected}, not {Describe(node)}");

        public string Key(YamlNode keyNode, string parentPath) =>
            keyNode is YamlScalarNode { Value: { } name } && !IsNull(keyNode)
                ? name
                : throw Error(file, keyNode, parentPath, $"keys must be plain names, not {Describe(keyNode)}");

        public void Interfaces(YamlNode node)
        {
            if (IsNull(node))
            {
                return; // "interfaces:" with nothing: automatic, like an empty list
            }
            var list = node as YamlSequenceNode
                ?? throw Error(file, node, SettingsSchema.Interfaces, $"must be a list of interfaces (\"- name: ens3\"), not {Describe(node)}");
            if (list.Children.Count > SettingsSchema.MaxInterfaces)
            {
                throw Error(file, list.Children[SettingsSchema.MaxInterfaces], SettingsSchema.Interfaces, $"at most {SettingsSchema.MaxInterfaces} interfaces can be listed");
            }
            for (int index = 0; index < list.Children.Count; index++)
            {
                var item = list.Children[index];
                string path = $"{SettingsSchema.Interfaces}[{index}]";
                var mapping = Mapping(item, path, $"a mapping with {SettingsSchema.InterfaceKeyNames}");
                string prefix = $"{SettingsSchema.Interfaces}:{index.ToString(CultureInfo.InvariantCulture)}";
                foreach (var (keyNode, value) in mapping.Children)
                {
                    string key = Key(keyNode, path);
                    if (key == SettingsSchema.Match)
                    {
                        Match(prefix, value);
                    }
                    else if (SettingsSchema.InterfaceKeys.TryGetValue(key, out var kind))
                    {
                        Scalar($"{prefix}:{key}", value, kind);
                    }
                    else
                    {
                        throw Error(file, keyNode, $"{path}.{key}", $"unknown key; an interface has {SettingsSchema.InterfaceKeyNames}");
                    }
                }
            }
        }

        /// <summary>An interface's <c>match: {mac: …}</c>.</summary>
        private void Match(string interfacePrefix, YamlNode node)
        {
            string path = SettingsSchema.DisplayPath($"{interfacePrefix}:{SettingsSchema.Match}");
            if (IsNull(node))
            {
                return; // "match:" with nothing matches by nothing; the entry then needs a name
            }
            foreach (var (keyNode, value) in Mapping(node, path, $"a mapping of {SettingsSchema.KeyNames(SettingsSchema.MatchKeys.Keys)}").Children)
            {
                string key = Key(keyNode, path);
                if (!SettingsSchema.MatchKeys.TryGetValue(key, out var kind))
                {
                    throw Error(file, keyNode, $"{path}.{key}", $"unknown key; match has {SettingsSchema.KeyNames(SettingsSchema.MatchKeys.Keys)}");
                }
                Scalar($"{interfacePrefix}:{SettingsSchema.Match}:{key}", value, kind);
            }
        }

        /// <summary>
        /// A list of single values (<c>sources: [dhclient, kernel]</c>). Stating it replaces the list of
        /// earlier files; <c>sources:</c> with nothing goes back to the default; an empty list is an
        /// error, since a run with no lease source could never find a lease.
        /// </summary>
        private void ScalarList(string listKey, YamlNode node, SettingKind kind)
        {
            string path = SettingsSchema.DisplayPath(listKey);
            replacedLists.Add(listKey);
            if (IsNull(node))
            {
                return;
            }
            string example = kind == SettingKind.LeaseSource ? "[dhclient, kernel]" : "[192.0.2.10, 192.0.2.10:443]";
            var list = node as YamlSequenceNode
                ?? throw Error(file, node, path, $"must be a list such as {example}, not {Describe(node)}");
            // No targets is a valid choice; no lease source would make every run fail to find a lease.
            if (list.Children.Count == 0 && kind == SettingKind.LeaseSource)
            {
                throw Error(file, node, path, "must name at least one source; leave the key out for the default order");
            }
            if (list.Children.Count > SettingsSchema.MaxInterfaces)
            {
                throw Error(file, list.Children[SettingsSchema.MaxInterfaces], path, $"at most {SettingsSchema.MaxInterfaces} entries can be listed");
            }
            for (int index = 0; index < list.Children.Count; index++)
            {
                Scalar($"{listKey}:{index.ToString(CultureInfo.InvariantCulture)}", list.Children[index], kind);
            }
        }

        public void Section(string section, YamlNode node, IReadOnlyDictionary<string, SettingKind> keys)
        {
            if (IsNull(node))
            {
                return; // an empty section sets nothing
            }
            foreach (var (keyNode, value) in Mapping(node, section, $"a mapping of {SettingsSchema.KeyNames(keys.Keys)}").Children)
            {
                string key = Key(keyNode, section);
                if (!keys.TryGetValue(key, out var kind))
                {
                    throw Error(file, keyNode, $"{section}.{key}", $"unknown key; {section} has {SettingsSchema.KeyNames(keys.Keys)}");
                }
                if (SettingsSchema.ListKeys.Contains($"{section}:{key}"))
                {
                    ScalarList($"{section}:{key}", value, kind);
                }
                else
                {
                    Scalar($"{section}:{key}", value, kind);
                }
            }
        }

        private void Scalar(string configKey, YamlNode node, SettingKind kind)
        {
            string path = SettingsSchema.DisplayPath(configKey);
            var where = Where(file, node);
            if (IsNull(node))
            {
                entries[configKey] = new SettingEntry(null, where);
                return;
            }
            if (node is not YamlScalarNode { Value: { } value })
            {
                throw Error(file, node, path, $"must be a single value, not {Describe(node)}");
            }
            if (SettingScalars.Check(kind, value) is { } problem)
            {
                throw Error(file, node, path, problem);
            }
            entries[configKey] = new SettingEntry(value, where);
        }
    }

    /// <summary>YAML's null: an empty plain value, <c>~</c> or <c>null</c>; a quoted "" is an empty string.</summary>
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "nothing",
        YamlScalarNode scalar => $"the value \"{scalar.Value}\"",
        _ => node.NodeType.ToString(),
    };

    private static string Where(string file, YamlNode node) => $"{file}:{node.Start.Line}";

    private static ConfigurationException Error(string file, YamlNode node, string path, string problem) =>
        new($"{Where(file, node)}: {path}: {problem}");
}
