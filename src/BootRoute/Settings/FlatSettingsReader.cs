namespace BootRoute.Settings;

/// <summary>
/// Reads the two layers that set one key at a time, checking each key and value against
/// <see cref="SettingsSchema"/>:
/// <list type="bullet">
/// <item>the environment: <c>BOOTROUTE_&lt;SECTION&gt;__&lt;KEY&gt;</c>, where <c>__</c> separates levels and
/// the rest is the YAML key in any case (<c>BOOTROUTE_LEASES__DHCLIENT_DIR</c> → <c>leases:dhclient_dir</c>,
/// <c>BOOTROUTE_INTERFACES__0__NAME</c> → <c>interfaces:0:name</c>);</item>
/// <item>command-line overrides: <c>verify:enabled</c> (or <c>verify.enabled</c>) → value.</item>
/// </list>
/// An empty value resets the key to its built-in default, as YAML <c>~</c> does.
/// </summary>
internal static class FlatSettingsReader
{
    public const string EnvironmentPrefix = "BOOTROUTE_";

    /// <exception cref="ConfigurationException">A BOOTROUTE_ variable that names no setting, or a bad value.</exception>
    public static SettingsLayer ReadEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        var entries = new Dictionary<string, SettingEntry>(StringComparer.Ordinal);
        // Sorted so that with several bad variables the same one is reported on every run.
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            // Every setting has a section, so its variable has a "__"; other BOOTROUTE_ variables
            // (BOOTROUTE_BIN in the lab, a user's own) are not settings and are left alone.
            if (!name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)
                || !name.Contains("__", StringComparison.Ordinal))
            {
                continue;
            }
            string key = name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal).ToLowerInvariant();
            Add(entries, key, value, $"environment {name}");
        }
        return new SettingsLayer(entries);
    }

    /// <exception cref="ConfigurationException">A key that names no setting, or a bad value.</exception>
    public static SettingsLayer ReadCommandLine(IReadOnlyDictionary<string, string?> overrides)
    {
        var entries = new Dictionary<string, SettingEntry>(StringComparer.Ordinal);
        foreach (var (name, value) in overrides.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            string key = name.Trim().Replace('.', ':').ToLowerInvariant();
            Add(entries, key, value, $"command line --set {name}");
        }
        return new SettingsLayer(entries);
    }

    private static void Add(Dictionary<string, SettingEntry> entries, string key, string? value, string where)
    {
        string[] segments = key.Split(':');
        var (kind, problem) = SettingsSchema.KindOf(segments);
        if (problem is not null)
        {
            throw new ConfigurationException($"{where}: {SettingsSchema.DisplayPath(key)}: {problem}");
        }
        if (string.IsNullOrEmpty(value))
        {
            entries[key] = new SettingEntry(null, where);
            return;
        }
        if (SettingScalars.Check(kind, value) is { } valueProblem)
        {
            throw new ConfigurationException($"{where}: {SettingsSchema.DisplayPath(key)}: {valueProblem}");
        }
        entries[key] = new SettingEntry(value, where);
    }
}
