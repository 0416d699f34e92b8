using System.Globalization;

namespace BootRoute.Settings;

/// <summary>
/// Where the winning value of every configuration key was written, after layering, so a rule that
/// spans keys (two primaries, a duplicate table) can still point at a file and line, a variable or
/// a flag.
/// </summary>
internal sealed class SettingsOrigins
{
    private readonly SortedDictionary<string, string> _where;

    public SettingsOrigins(IEnumerable<SettingsLayer> layersInOrder)
    {
        _where = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in layersInOrder)
        {
            foreach (var (key, entry) in layer.Entries)
            {
                _where[key] = entry.Where;
            }
        }
    }

    /// <summary>Where <paramref name="key"/> was set, or where anything under it was, for an entry with a missing key.</summary>
    public string Where(string key)
    {
        if (_where.TryGetValue(key, out var where))
        {
            return where;
        }
        string parent = key[..Math.Max(0, key.LastIndexOf(':'))] + ":";
        return _where.FirstOrDefault(e => e.Key.StartsWith(parent, StringComparison.Ordinal)).Value ?? "settings";
    }

    /// <summary>The indices used under the list <paramref name="list"/> (<c>interfaces</c>, <c>leases:sources</c>), in order.</summary>
    public IReadOnlyList<int> ListIndices(string list) =>
        _where.Keys
            .Where(k => k.StartsWith(list + ":", StringComparison.Ordinal))
            .Select(k => int.Parse(k.Split(':')[list.Count(c => c == ':') + 1], CultureInfo.InvariantCulture))
            .Distinct()
            .Order()
            .ToList();
}
