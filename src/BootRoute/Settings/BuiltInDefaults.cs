using System.Globalization;

namespace BootRoute.Settings;

/// <summary>
/// The lowest configuration layer: every default of <see cref="SettingsSchema"/>, so that binding
/// finds a value for every key that has one and nothing after it needs a fallback. Two rules make
/// the layers above override it as docs/configuration.md says:
/// <list type="bullet">
/// <item>an emptied value (YAML <c>~</c>, an empty variable or flag) resets its key to the default:
/// the entry carries the default's value into the configuration and keeps the origin of the reset;</item>
/// <item>a list's default entries stand only while no layer above gives the list an entry of its own;
/// then those entries replace the default whole, where Microsoft.Extensions.Configuration would merge
/// them index by index and leave default sources behind.</item>
/// </list>
/// </summary>
internal static class BuiltInDefaults
{
    /// <summary>Where a default was "set", should a message ever name one.</summary>
    public const string Origin = "built-in default";

    /// <summary>The defaults layer, then <paramref name="layers"/> (files, environment, command line) with the rules above applied.</summary>
    public static List<SettingsLayer> Beneath(IEnumerable<SettingsLayer> layers)
    {
        var defaults = Layer();
        var above = layers.Select(ResolveResets).ToList();
        foreach (string list in SettingsSchema.ListKeys)
        {
            if (StatesEntries(above, list))
            {
                defaults = defaults.Without(list);
            }
            else
            {
                // Nothing left but emptied entries: the list is back to its default.
                above = above.Select(layer => layer.Without(list)).ToList();
            }
        }
        return above.Prepend(defaults).ToList();
    }

    private static SettingsLayer Layer()
    {
        var entries = new Dictionary<string, SettingEntry>(StringComparer.Ordinal);
        foreach (var key in SettingsSchema.Keys)
        {
            if (!key.IsList)
            {
                if (key.Default is [var value])
                {
                    entries[key.ConfigKey] = new SettingEntry(value, Origin);
                }
                continue;
            }
            for (int i = 0; i < key.Default.Count; i++)
            {
                entries[$"{key.ConfigKey}:{i.ToString(CultureInfo.InvariantCulture)}"] = new SettingEntry(key.Default[i], Origin);
            }
        }
        return new SettingsLayer(entries);
    }

    private static SettingsLayer ResolveResets(SettingsLayer layer)
    {
        if (!layer.Entries.Values.Any(entry => entry.Value is null))
        {
            return layer;
        }
        var entries = layer.Entries.ToDictionary(
            e => e.Key,
            e => e.Value.Value is null ? e.Value with { Value = SettingsSchema.DefaultOf(e.Key) } : e.Value,
            StringComparer.Ordinal);
        return new SettingsLayer(entries, layer.ReplacedLists);
    }

    /// <summary>Whether any entry of <paramref name="list"/> ends up with a value, over all layers.</summary>
    private static bool StatesEntries(List<SettingsLayer> layers, string list)
    {
        var winners = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var (key, entry) in layer.Entries.Where(e => SettingsLayer.IsUnder(e.Key, list)))
            {
                winners[key] = entry.Value;
            }
        }
        return winners.Values.Any(value => value is not null);
    }
}
