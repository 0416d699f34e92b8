namespace BootRoute.Settings;

/// <summary>
/// One key, declared once in <see cref="SettingsSchema"/>: its name, what its values must be, its
/// built-in default and a line of documentation. The readers' checks, the lowest configuration layer
/// (<see cref="BuiltInDefaults"/>), the installed settings file and the docs check all derive from it.
/// </summary>
/// <param name="Path">Dotted, as messages and docs write it: <c>verify.timeout</c>; an interface entry's keys relative to the entry (<c>name</c>).</param>
/// <param name="Kind">The rule every value must follow (for a list, every entry).</param>
/// <param name="Default">The built-in value as the settings file writes it; for a list its entries; empty when the key has none.</param>
/// <param name="Doc">One line for the installed settings file; docs/configuration.md says the rest.</param>
internal sealed record SettingKey(string Path, SettingKind Kind, IReadOnlyList<string> Default, string Doc)
{
    /// <summary>A YAML sequence, set one entry at a time (<c>leases:sources:0</c>) from the environment and the command line.</summary>
    public bool IsList { get; init; }

    /// <summary>What having no value means, for a key without a default, as docs/configuration.md puts it.</summary>
    public string Unset { get; init; } = "not set";

    /// <summary>The configuration-key form: <c>verify:timeout</c>.</summary>
    public string ConfigKey => Path.Replace('.', ':');

    public string Section => Path[..Path.IndexOf('.', StringComparison.Ordinal)];

    public string Name => Path[(Path.IndexOf('.', StringComparison.Ordinal) + 1)..];

    /// <summary>The default column of the key table in docs/configuration.md.</summary>
    public string DocumentedDefault =>
        Default.Count == 0 ? Unset
        : IsList ? $"`[{string.Join(", ", Default)}]`"
        : $"`{Default[0]}`";

    /// <summary>The default as a YAML value: <c>2s</c>, <c>[dhclient, kernel]</c>, nothing for none.</summary>
    public string YamlDefault =>
        IsList ? $"[{string.Join(", ", Default)}]"
        : Default.Count == 0 ? ""
        : Default[0];
}
