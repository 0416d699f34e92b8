using BootRoute.Planning;

namespace BootRoute.Naming;

/// <summary>
/// Writes and removes /etc/iproute2/rt_tables.d/bootroute.conf and rt_protos.d/bootroute.conf under
/// <paramref name="root"/> (the image-baking root, "/" on a live host). Writes are atomic and only
/// happen when the content differs. iproute2 reads *.conf in these directories since v4.4.
/// </summary>
public sealed class RouteNameFiles(string root = "/")
{
    /// <summary>rw-r--r--: every user's ip reads the names.</summary>
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary><paramref name="absolute"/> (one of <see cref="Paths.IpRoute2"/>) under the root.</summary>
    private string Under(string absolute) => Path.Combine(root, absolute.TrimStart('/'));

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
        bool changed = WriteIfDifferent(Under(Paths.IpRoute2.TablesFile), RouteNames.Tables(plan.Tables, taken));
        return WriteIfDifferent(Under(Paths.IpRoute2.ProtocolsFile), RouteNames.Protocols()) || changed;
    }

    public void Remove()
    {
        File.Delete(Under(Paths.IpRoute2.TablesFile));
        File.Delete(Under(Paths.IpRoute2.ProtocolsFile));
    }

    // The files iproute2 takes table names from, except ours (see rt_names.c: /etc, then /usr/share or
    // /usr/lib when /etc has none, then the .d directories).
    private IEnumerable<string> TableFilesOfOthers()
    {
        foreach (var file in Paths.IpRoute2.OtherTablesFiles.Select(Under).Where(File.Exists))
        {
            yield return file;
        }
        foreach (var directory in Paths.IpRoute2.TablesDirectories.Select(Under).Where(Directory.Exists))
        {
            // Bounded: each file is read, and an image planted with thousands is refused, not read.
            foreach (var file in DirectoryEntries.Files(directory, name => name.EndsWith(".conf", StringComparison.Ordinal) && name != Paths.IpRoute2.FileName))
            {
                yield return file;
            }
        }
    }

    private static bool WriteIfDifferent(string path, string content)
    {
        // A run killed while writing left its temporary file here (Write runs under the run lock); other
        // tools share the directory, so only bootroute.conf's own are taken. Best effort: the write below
        // reports a directory that is really unusable.
        try
        {
            AtomicFile.RemoveLeftovers(Path.GetDirectoryName(path)!, [Path.GetFileName(path)], onlyOfNames: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        if (File.Exists(path) && TextFile.Read(path) == content)
        {
            return false;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, System.Text.Encoding.UTF8.GetBytes(content), Readable);
        return true;
    }
}
