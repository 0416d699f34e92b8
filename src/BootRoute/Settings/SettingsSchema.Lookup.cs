namespace BootRoute.Settings;

// Finding keys of the schema by the names layers use for them, and naming them in messages. No
// static fields here: the declarations' initialisation order is that of SettingsSchema.cs alone.
internal static partial class SettingsSchema
{
    /// <summary>Every key an interface entry may have, for messages.</summary>
    public static string InterfaceKeyNames => $"{KeyNames(InterfaceKeys.Keys)}, {Match}";

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

    /// <summary>
    /// The built-in value of a single-value section key (<c>verify:timeout</c> → <c>2s</c>), or null
    /// for a key without one: interface entries' keys, list entries, keys that are optional.
    /// </summary>
    public static string? DefaultOf(string configKey) =>
        Keys.FirstOrDefault(key => !key.IsList && key.ConfigKey == configKey) is { Default: [var value] } ? value : null;
}
