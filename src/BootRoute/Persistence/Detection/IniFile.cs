namespace BootRoute.Persistence.Detection;

/// <summary>
/// An INI-style file the way systemd (.network) and GLib's keyfile (NetworkManager profiles) read
/// it: <c>[Group]</c> headers, <c>Key=Value</c> lines, '#' and ';' comment lines. A key may repeat;
/// every value is kept in order (systemd lists accumulate, keyfile takes the last). Pure.
/// </summary>
internal sealed class IniFile
{
    private readonly List<(string Section, int Instance, string Key, string Value)> _entries = [];

    public static IniFile Parse(string text)
    {
        var file = new IniFile();
        string section = "";
        int instance = 0;
        foreach (var raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }
            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1].Trim();
                instance++;
                continue;
            }
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                file._entries.Add((section, instance, line[..equals].Trim(), line[(equals + 1)..].Trim()));
            }
        }
        return file;
    }

    public IReadOnlyList<string> Values(string section, string key) =>
        _entries.Where(entry => entry.Section == section && entry.Key == key).Select(entry => entry.Value).ToList();

    /// <summary>The value keyfile readers see: the last one.</summary>
    public string? Last(string section, string key) => Values(section, key) is { Count: > 0 } values ? values[^1] : null;

    /// <summary>
    /// Each occurrence of a section on its own, for sections that describe one object each (networkd's
    /// <c>[Route]</c>, <c>[Address]</c>): merged, one route's Gateway= would pair with another's Destination=.
    /// </summary>
    public IEnumerable<Func<string, string?>> Occurrences(string section) =>
        _entries.Where(entry => entry.Section == section).GroupBy(entry => entry.Instance)
            .Select(group => (Func<string, string?>)(key => group.LastOrDefault(entry => entry.Key == key).Value));

    public IEnumerable<string> Keys(string section) =>
        _entries.Where(entry => entry.Section == section).Select(entry => entry.Key).Distinct(StringComparer.Ordinal);
}
