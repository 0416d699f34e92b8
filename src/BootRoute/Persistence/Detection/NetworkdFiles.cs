namespace BootRoute.Persistence.Detection;

/// <summary>One .network file: its name (what drop-in directories are named after) and its [Match].</summary>
internal sealed record NetworkFile(string Name, string Path, IniFile Content)
{
    /// <summary>
    /// systemd.network(5) [Match]: every key given must match. Name= takes whitespace-separated globs
    /// (a leading '!' inverts the list), MACAddress= and PermanentMACAddress= lists of addresses,
    /// Kind= the link's kind. Keys BootRoute cannot evaluate (Driver=, Path=, Type=, …) are taken to
    /// match and listed in <paramref name="unknown"/>. An empty [Match] matches every link.
    /// </summary>
    public bool Matches(string name, string? mac, string? kind, out IReadOnlyList<string> unknown)
    {
        var unevaluated = new List<string>();
        unknown = unevaluated;
        foreach (var key in Content.Keys("Match"))
        {
            var words = List(key);
            if (words.Count == 0)
            {
                continue;
            }
            bool invert = words[0].StartsWith('!');
            if (invert)
            {
                words[0] = words[0][1..];
                words.RemoveAll(word => word.Length == 0);
            }
            bool hit;
            switch (key)
            {
                case "Name":
                    hit = words.Any(glob => Glob.Matches(glob, name));
                    break;
                case "MACAddress" or "PermanentMACAddress":
                    hit = mac is not null && words.Any(word => string.Equals(word, mac, StringComparison.OrdinalIgnoreCase));
                    break;
                case "Kind":
                    hit = kind is not null && words.Any(glob => Glob.Matches(glob, kind));
                    break;
                default:
                    unevaluated.Add($"{key}=");
                    continue;
            }
            if (hit == invert)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A list setting: values accumulate over repeated lines, an empty assignment resets it.</summary>
    private List<string> List(string key)
    {
        var words = new List<string>();
        foreach (var value in Content.Values("Match", key))
        {
            if (value.Length == 0)
            {
                words.Clear();
            }
            words.AddRange(value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        }
        return words;
    }
}

/// <summary>
/// The .network files systemd-networkd reads: <c>*.network</c> in /lib, /usr/lib, /run and
/// /etc/systemd/network, a same-named file in /etc shadowing /run shadowing the library directories;
/// for each link the first file in name order whose [Match] matches configures it.
/// </summary>
internal static class NetworkdFiles
{
    public static IReadOnlyList<NetworkFile> Read(IRootFileSystem files)
    {
        var effective = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in Paths.Stacks.NetworkdDirectories)
        {
            foreach (var name in files.FileNames(directory).Where(name => name.EndsWith(".network", StringComparison.Ordinal)))
            {
                effective[name] = $"{directory}/{name}";
            }
        }
        return effective.Select(file => new NetworkFile(file.Key, file.Value, IniFile.Parse(files.ReadText(file.Value) ?? ""))).ToList();
    }

    /// <summary>networkd is enabled when a wants directory links its unit (or it runs socket-activated).</summary>
    public static bool IsEnabled(IRootFileSystem files) =>
        SystemdUnits.IsEnabled(files, "systemd-networkd.service") || SystemdUnits.IsEnabled(files, "systemd-networkd.socket");
}
