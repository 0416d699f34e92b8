namespace BootRoute.Settings;

/// <summary>
/// One value of a layer and where it was written, e.g. <c>/etc/bootroute/bootroute.yaml:7</c>,
/// <c>environment BOOTROUTE_VERIFY__TIMEOUT</c>, <c>command line --set verify:timeout</c> or <c>built-in default</c>.
/// A null value resets the key to its built-in default (YAML <c>~</c>, an empty value); see
/// <see cref="BuiltInDefaults"/>.
/// </summary>
internal readonly record struct SettingEntry(string? Value, string Where);

/// <summary>
/// One source of settings (the built-in defaults, a YAML file, the environment, the command line),
/// already checked key by key, as configuration keys (<c>verify:timeout</c>, <c>interfaces:0:name</c>) with their origins.
/// </summary>
internal sealed class SettingsLayer
{
    public SettingsLayer(Dictionary<string, SettingEntry> entries, IReadOnlySet<string>? replacedLists = null)
    {
        Entries = entries;
        ReplacedLists = replacedLists ?? new HashSet<string>(StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, SettingEntry> Entries { get; }

    /// <summary>
    /// The lists (<c>interfaces</c>, <c>leases:sources</c>) this layer states in full. A file that has
    /// a list replaces the list of earlier files instead of merging with it index by index, which is
    /// what Microsoft.Extensions.Configuration would do and would leave stray entries behind.
    /// Environment and command line set single entries and do merge.
    /// </summary>
    public IReadOnlySet<string> ReplacedLists { get; }

    /// <summary>This layer without the list <paramref name="list"/>'s entries.</summary>
    public SettingsLayer Without(string list) =>
        Entries.Keys.Any(key => IsUnder(key, list))
            ? new SettingsLayer(Entries.Where(e => !IsUnder(e.Key, list)).ToDictionary(StringComparer.Ordinal), ReplacedLists)
            : this;

    /// <summary>Whether <paramref name="key"/> is the list <paramref name="list"/> or one of its entries.</summary>
    public static bool IsUnder(string key, string list) =>
        key == list || key.StartsWith(list + ":", StringComparison.Ordinal);
}
