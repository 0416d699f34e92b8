using BootRoute.Model;
namespace BootRoute.Settings;

/// <summary>What a key's value must be; <see cref="SettingScalars.Check"/> holds the rule of each.</summary>
internal enum SettingKind
{
    Bool,
    InterfaceName,
    TableId,
    TableBase,
    PriorityBase,
    IPv4,
    Duration,
    AbsolutePath,
    MacAddress,
    LeaseSource,
    WaitTimeout,
    RpFilterPolicy,
    FloatingIp,
    ProbeTarget,
    HttpUrl,
    PersistBackend,
}

/// <summary>
/// Every key the settings know, by section, in configuration-key form (<c>verify:timeout</c>,
/// <c>interfaces:0:table</c>). The YAML reader and the environment/command-line reader both check
/// against this before anything is bound, so a typo is reported where it was made instead of being
/// silently ignored by the binder.
/// </summary>
internal static class SettingsSchema
{
    public const string Interfaces = "interfaces";

    /// <summary>Keys of one <c>interfaces:</c> entry.</summary>
    public static readonly IReadOnlyDictionary<string, SettingKind> InterfaceKeys = new Dictionary<string, SettingKind>(StringComparer.Ordinal)
    {
        ["name"] = SettingKind.InterfaceName,
        ["primary"] = SettingKind.Bool,
        ["table"] = SettingKind.TableId,
        ["floating_ip"] = SettingKind.FloatingIp,
        ["gateway"] = SettingKind.IPv4,
    };

    /// <summary>The one nested mapping of an interface entry: <c>match: {mac: …}</c>, for images whose NIC names differ.</summary>
    public const string Match = "match";

    /// <summary>Keys of an interface's <c>match:</c>.</summary>
    public static readonly IReadOnlyDictionary<string, SettingKind> MatchKeys = new Dictionary<string, SettingKind>(StringComparer.Ordinal)
    {
        ["mac"] = SettingKind.MacAddress,
    };

    /// <summary>Every key an interface entry may have, for messages.</summary>
    public static string InterfaceKeyNames => $"{KeyNames(InterfaceKeys.Keys)}, {Match}";

    /// <summary>
    /// Section keys (configuration-key form) that hold a list of values rather than one value:
    /// YAML sequences, set one entry at a time (<c>leases:sources:0</c>) from the environment and
    /// the command line. Their <see cref="Sections"/> kind is the kind of each entry.
    /// </summary>
    public static readonly IReadOnlySet<string> ListKeys = new HashSet<string>(StringComparer.Ordinal) { "leases:sources", "verify:targets" };

    /// <summary>Every list a settings file can state in full, replacing what earlier files said.</summary>
    public static IEnumerable<string> AllLists => ListKeys.Prepend(Interfaces);

    /// <summary>The mapping sections and their keys; <see cref="Interfaces"/> is the one list.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, SettingKind>> Sections =
        new Dictionary<string, IReadOnlyDictionary<string, SettingKind>>(StringComparer.Ordinal)
        {
            ["leases"] = new Dictionary<string, SettingKind>(StringComparer.Ordinal)
            {
                ["sources"] = SettingKind.LeaseSource,
                ["dhclient_dir"] = SettingKind.AbsolutePath,
                ["dhcpcd_dir"] = SettingKind.AbsolutePath,
                ["networkd_dir"] = SettingKind.AbsolutePath,
                ["networkmanager_dir"] = SettingKind.AbsolutePath,
                ["openstack_dir"] = SettingKind.AbsolutePath,
            },
            ["routing"] = new Dictionary<string, SettingKind>(StringComparer.Ordinal)
            {
                ["table_base"] = SettingKind.TableBase,
                ["priority_base"] = SettingKind.PriorityBase,
            },
            ["verify"] = new Dictionary<string, SettingKind>(StringComparer.Ordinal)
            {
                ["enabled"] = SettingKind.Bool,
                ["lookup_destination"] = SettingKind.IPv4,
                ["timeout"] = SettingKind.Duration,
                ["rollback"] = SettingKind.Bool,
                ["targets"] = SettingKind.ProbeTarget,
                ["echo_url"] = SettingKind.HttpUrl,
            },
            ["discovery"] = new Dictionary<string, SettingKind>(StringComparer.Ordinal)
            {
                ["timeout"] = SettingKind.WaitTimeout,
            },
            ["state"] = new Dictionary<string, SettingKind>(StringComparer.Ordinal)
            {
                ["directory"] = SettingKind.AbsolutePath,
                ["lock_timeout"] = SettingKind.WaitTimeout,
            },
            ["sysctl"] = new Dictionary<string, SettingKind>(StringComparer.Ordinal)
            {
                ["rp_filter"] = SettingKind.RpFilterPolicy,
                ["arp_flux"] = SettingKind.Bool,
            },
            ["persist"] = new Dictionary<string, SettingKind>(StringComparer.Ordinal)
            {
                ["backend"] = SettingKind.PersistBackend,
                ["root"] = SettingKind.AbsolutePath,
            },
        };

    /// <summary>At most this many interfaces: one rule priority each above <c>priority_base</c>.</summary>
    public const int MaxInterfaces = 256;

    public static string TopLevelNames => $"{Interfaces}, {string.Join(", ", Sections.Keys)}";

    public static string KeyNames(IEnumerable<string> keys) => string.Join(", ", keys);

    /// <summary>
    /// Turns a configuration key into the path shown in messages: <c>interfaces:1:table</c> →
    /// <c>interfaces[1].table</c>, <c>verify:timeout</c> → <c>verify.timeout</c>.
    /// </summary>
    public static string DisplayPath(string configKey)
    {
        string[] parts = configKey.Split(':');
        var path = new System.Text.StringBuilder(parts[0]);
        for (int i = 1; i < parts.Length; i++)
        {
            if (parts[i].Length > 0 && parts[i].All(char.IsAsciiDigit))
            {
                path.Append('[').Append(parts[i]).Append(']');
            }
            else
            {
                path.Append('.').Append(parts[i]);
            }
        }
        return path.ToString();
    }

    /// <summary>
    /// The kind of a flat key (from the environment or the command line), or a problem text when the
    /// key names nothing, names a section or list instead of a value, or has a bad list index.
    /// </summary>
    public static (SettingKind Kind, string? Problem) KindOf(string[] segments)
    {
        switch (segments)
        {
            case [Interfaces]:
                return (default, "is a list; set one entry's key at a time, e.g. interfaces:0:name");
            case [Interfaces, var index] when IsIndex(index):
                return (default, $"is a list entry; set its keys one at a time, e.g. interfaces:{index}:name");
            case [Interfaces, var index, Match] when IsIndex(index):
                return (default, $"is a mapping; set its key, e.g. interfaces:{index}:match:mac");
            case [Interfaces, var index, Match, var key] when IsIndex(index):
                return MatchKeys.TryGetValue(key, out var matchKind)
                    ? (matchKind, null)
                    : (default, $"unknown key; match has {KeyNames(MatchKeys.Keys)}");
            case [Interfaces, var index, var key] when IsIndex(index):
                return InterfaceKeys.TryGetValue(key, out var interfaceKind)
                    ? (interfaceKind, null)
                    : (default, $"unknown key; an interface has {InterfaceKeyNames}");
            case [Interfaces, var index, ..]:
                return IsIndex(index)
                    ? (default, "unknown key; interface keys hold single values")
                    : (default, $"list index must be a number from 0 to {MaxInterfaces - 1}");
            case [var section] when Sections.TryGetValue(section, out var keys):
                return (default, $"is a section; set one of its keys, e.g. {section}:{keys.Keys.First()}");
            case [var section, var key] when ListKeys.Contains($"{section}:{key}"):
                return (default, $"is a list; set one entry at a time, e.g. {section}:{key}:0");
            case [var section, var key, var index] when ListKeys.Contains($"{section}:{key}"):
                return IsIndex(index)
                    ? (Sections[section][key], null)
                    : (default, $"list index must be a number from 0 to {MaxInterfaces - 1}");
            case [var section, var key] when Sections.TryGetValue(section, out var keys):
                return keys.TryGetValue(key, out var kind)
                    ? (kind, null)
                    : (default, $"unknown key; {section} has {KeyNames(keys.Keys)}");
            case [var section, ..] when Sections.ContainsKey(section):
                return (default, "unknown key; keys in sections hold single values");
            default:
                return (default, $"unknown key; the sections are {TopLevelNames}");
        }
    }

    public static bool IsIndex(string text) =>
        text.Length is > 0 and <= 3 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0')
        && int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) < MaxInterfaces;
}
