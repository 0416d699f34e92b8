using BootRoute.Planning;

namespace BootRoute.Naming;

/// <summary>
/// Writes and removes /etc/iproute2/rt_tables.d/bootroute.conf and rt_protos.d/bootroute.conf under
/// <paramref name="root"/> (the image-baking root, "/" on a live host). Writes are atomic and only
/// happen when the content differs. iproute2 reads *.conf in these directories since v4.4.
/// </summary>
public sealed class RouteNameFiles(string root = "/")
{
    private const string FileName = "bootroute.conf";

    /// <summary>The table names, rewritten by every apply that plans different tables.</summary>
    public const string TablesFile = "/etc/iproute2/rt_tables.d/" + FileName;

    /// <summary>The protocol name (200 bootroute), the same on every host.</summary>
    public const string ProtocolsFile = "/etc/iproute2/rt_protos.d/" + FileName;

    private string Etc(params string[] parts) => Path.Combine([root, "etc", "iproute2", .. parts]);

    /// <returns>True when a file changed.</returns>
    public bool Write(RoutingPlan plan)
    {
        var taken = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var file in TableFilesOfOthers())
        {
            foreach (var (name, id) in RouteNames.Parse(TextFile.Read(file)))
            {
                taken.TryAdd(name, id);
            }
        }
        bool changed = WriteIfDifferent(Etc("rt_tables.d", FileName), RouteNames.Tables(plan.Tables, taken));
        return WriteIfDifferent(Etc("rt_protos.d", FileName), RouteNames.Protocols()) || changed;
    }

    public void Remove()
    {
        File.Delete(Etc("rt_tables.d", FileName));
        File.Delete(Etc("rt_protos.d", FileName));
    }

    // The files iproute2 takes table names from, except ours (see rt_names.c: /etc, then /usr/share or
    // /usr/lib when /etc has none, then the .d directories).
    private IEnumerable<string> TableFilesOfOthers()
    {
        string[] bases = [Etc("rt_tables"), Path.Combine(root, "usr", "share", "iproute2", "rt_tables"), Path.Combine(root, "usr", "lib", "iproute2", "rt_tables")];
        foreach (var file in bases.Where(File.Exists))
        {
            yield return file;
        }
        foreach (var directory in new[] { Etc("rt_tables.d"), Path.Combine(root, "usr", "share", "iproute2", "rt_tables.d") }.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.conf").Where(file => Path.GetFileName(file) != FileName).Order(StringComparer.Ordinal))
            {
                yield return file;
            }
        }
    }

    private static bool WriteIfDifferent(string path, string content)
    {
        if (File.Exists(path) && TextFile.Read(path) == content)
        {
            return false;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
        return true;
    }
}
