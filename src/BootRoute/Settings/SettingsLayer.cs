namespace BootRoute.Settings;

/// <summary>
/// One value of a layer and where it was written, e.g. <c>/etc/bootroute/bootroute.yaml:7</c>,
/// <c>environment BOOTROUTE_VERIFY__TIMEOUT</c> or <c>command line --set verify:timeout</c>.
/// A null value resets the key to its built-in default (YAML <c>~</c>, an empty value).
/// </summary>
internal readonly record struct SettingEntry(string? Value, string Where);

/// <summary>
/// One source of settings (a YAML file, the environment, the command line), already checked key by
/// key, as configuration keys (<c>verify:timeout</c>, <c>interfaces:0:name</c>) with their origins.
/// </summary>
internal sealed class SettingsLayer
{
    public SettingsLayer(Dictionary<string, SettingEntry> entries, bool replacesInterfaces)
    {
        Entries = entries;
        ReplacesInterfaces = replacesInterfaces;
    }

    public IReadOnlyDictionary<string, SettingEntry> Entries { get; }

    /// <summary>
    /// A file that has <c>interfaces:</c> states the whole list, so it replaces the list of earlier
    /// files instead of merging with it index by index, which is what Microsoft.Extensions.Configuration
    /// would do and would leave stray entries behind. Environment and command line set single keys and
    /// do merge.
    /// </summary>
    public bool ReplacesInterfaces { get; }

    public static bool IsInterfaceKey(string key) =>
        key.StartsWith(SettingsSchema.Interfaces + ":", StringComparison.Ordinal) || key == SettingsSchema.Interfaces;
}
