namespace BootRoute.Install;

/// <summary>
/// <c>bootroute install</c> and <c>uninstall</c>: place <see cref="InstallManifest"/>'s files into a
/// root file system ("/" on a live host, a mounted image when baking one) and take them away again.
/// Only files: nothing here talks to the kernel, starts a process or reloads systemd, so installing
/// never touches the running network. Each file is written by <see cref="AtomicFile"/> (random
/// temporary name that never follows a link, fsync, rename) with exactly its mode; the unit is enabled the way <c>systemctl enable</c> would, by its .wants link.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class Installer
{
    private readonly string _root;

    /// <exception cref="InstallException">The root is not an absolute path to an existing directory.</exception>
    public Installer(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Path.IsPathRooted(root))
        {
            throw new InstallException($"--root {root}: must be an absolute path");
        }
        if (!Directory.Exists(root))
        {
            throw new InstallException($"--root {root}: no such directory");
        }
        _root = Path.GetFullPath(root);
    }

    /// <param name="layout">Where the binary and the unit go.</param>
    /// <param name="binarySource">The agent binary to copy (the running one).</param>
    /// <param name="bashCompletion">The bash completion script (the command line renders it).</param>
    /// <returns>One line per file: what was done to it.</returns>
    public IReadOnlyList<string> Install(InstallLayout layout, string binarySource, string bashCompletion)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var previous = ReadRecord();
        if (previous is not null && previous.Prefix != layout.Prefix)
        {
            throw new InstallException($"{Paths.Install.Record}: this root already has an install with --prefix {previous.Prefix}; uninstall it first");
        }
        var lines = new List<string>();
        var written = new List<string>();
        var created = new List<string>();
        foreach (var file in InstallManifest.Files(layout, bashCompletion))
        {
            string target = Under(file.Path);
            created.AddRange(CreateParents(file.Path));
            switch (file.Kind)
            {
                case InstalledKind.Configuration when File.Exists(target) || Directory.Exists(target):
                    lines.Add($"kept       {file.Path} (already there)");
                    // A configuration file this root's earlier install wrote stays on the record.
                    continue;
                case InstalledKind.Binary:
                    AtomicFile.WriteInRoot(_root, target, File.ReadAllBytes(binarySource), file.Mode);
                    break;
                case InstalledKind.Link:
                    if (File.Exists(target) || new FileInfo(target).LinkTarget is not null)
                    {
                        File.Delete(target);
                    }
                    File.CreateSymbolicLink(target, file.Content);
                    lines.Add($"linked     {file.Path} -> {file.Content}");
                    written.Add(file.Path);
                    continue;
                default:
                    WriteAtomically(target, file.Content, file.Mode);
                    break;
            }
            lines.Add($"installed  {file.OctalMode} {file.Path}");
            written.Add(file.Path);
        }
        lines.AddRange(RemoveLeftovers(written));
        created.AddRange(CreateParents(Paths.Install.Record));
        var record = (previous ?? new InstallRecord(layout.Prefix, [], [])).Including(written, created);
        WriteAtomically(Under(Paths.Install.Record), record.Render(), InstalledFile.Readable);
        lines.Add($"recorded   {Paths.Install.Record}");
        return lines;
    }

    /// <returns>One line per file: removed, kept (and why) or already gone.</returns>
    public IReadOnlyList<string> Uninstall()
    {
        var lines = new List<string>();
        var record = ReadRecord();
        IEnumerable<InstalledFile> files;
        IReadOnlyList<string> directories;
        if (record is null)
        {
            lines.Add($"no {Paths.Install.Record} in this root: removing the listed files that are there, no directories");
            files = InstallManifest.Files(InstallLayout.Local).Concat(InstallManifest.Files(InstallLayout.Package))
                .DistinctBy(file => file.Path, StringComparer.Ordinal);
            directories = [];
        }
        else
        {
            var layout = InstallLayout.ForPrefix(record.Prefix) ?? InstallLayout.Local;
            var recorded = record.Files.ToHashSet(StringComparer.Ordinal);
            files = InstallManifest.Files(layout).Where(file => recorded.Contains(file.Path));
            directories = record.Directories;
        }

        foreach (var file in files)
        {
            string target = Under(file.Path);
            bool isLink = new FileInfo(target).LinkTarget is not null;
            if (!File.Exists(target) && !isLink)
            {
                continue;
            }
            if (file.Kind == InstalledKind.Configuration && WhyKept(target, isLink, file.Content) is { } why)
            {
                lines.Add($"kept       {file.Path} ({why})");
                continue;
            }
            File.Delete(target);
            lines.Add($"removed    {file.Path}");
        }
        if (record is not null)
        {
            File.Delete(Under(Paths.Install.Record));
            lines.Add($"removed    {Paths.Install.Record}");
        }
        // Deepest first, and only when empty: a directory that now holds someone else's files stays.
        foreach (var directory in directories.OrderByDescending(directory => directory.Length))
        {
            string target = Under(directory);
            if (Directory.Exists(target) && !Directory.EnumerateFileSystemEntries(target).Any())
            {
                Directory.Delete(target);
            }
        }
        return lines;
    }

    /// <summary>
    /// An install killed mid-write (kill -9, power loss) left its temporary files beside the targets, in
    /// hook directories too, where a hook runner might pick them up; the next install takes them away:
    /// only temporary files of the names it writes, only regular files, never through a link.
    /// </summary>
    private IEnumerable<string> RemoveLeftovers(IEnumerable<string> written)
    {
        foreach (var directory in written.GroupBy(path => Path.GetDirectoryName(path)!, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var removed = AtomicFile.RemoveLeftovers(Under(directory.Key), [.. directory.Select(path => Path.GetFileName(path))], onlyOfNames: true);
            if (removed.Count > 0)
            {
                yield return $"removed    {removed.Count} temporary file{(removed.Count == 1 ? "" : "s")} an interrupted install left in {directory.Key}";
            }
        }
    }

    private InstallRecord? ReadRecord()
    {
        string path = Under(Paths.Install.Record);
        // Capped and regular files only (TextFile): a record planted in an image as a FIFO or a link to
        // /dev/zero is refused with its name, not waited on or read forever.
        return File.Exists(path) ? InstallRecord.Parse(TextFile.Read(path, RecordLimit)) : null;
    }

    /// <summary>A record lists a dozen paths; 64 KiB is far more than one ever holds.</summary>
    private const int RecordLimit = 64 << 10;

    /// <summary>
    /// Why a configuration file is not the one install wrote, or null when it is. Read with a cap of
    /// exactly the installed content's size (a bigger file is an edited one), and never through a link:
    /// install writes no link there, and one in an image points at the host's file of that name.
    /// </summary>
    private static string? WhyKept(string target, bool isLink, string installed)
    {
        if (isLink)
        {
            return "a link, not the file installed";
        }
        try
        {
            return TextFile.Read(target, System.Text.Encoding.UTF8.GetByteCount(installed)) == installed ? null : "edited since install";
        }
        catch (TextFile.FileTooLargeException)
        {
            return "edited since install";
        }
        catch (IOException e)
        {
            return $"not compared: {e.Message}";
        }
    }

    /// <summary>
    /// The real path under the root, resolved inside it (<see cref="RootPath"/>): a link planted in the
    /// image, in a parent directory or at the file itself, never leads out of it. The last component is
    /// not followed: a file is written over a link there (rename replaces it) and a link is deleted,
    /// not its target.
    /// </summary>
    private string Under(string absolute) => RootPath.Resolve(_root, absolute, followLast: false);

    /// <returns>The directories it had to create, as root-relative absolute paths, shallowest first.</returns>
    private List<string> CreateParents(string absolute)
    {
        var missing = new List<string>();
        for (string? directory = Path.GetDirectoryName(absolute); directory is not null && directory != "/"; directory = Path.GetDirectoryName(directory))
        {
            if (Directory.Exists(Under(directory)))
            {
                break;
            }
            missing.Insert(0, directory);
        }
        foreach (var directory in missing)
        {
            Directory.CreateDirectory(Under(directory));
            File.SetUnixFileMode(Under(directory), InstalledFile.Executable); // whatever the umask

        }
        return missing;
    }

    private void WriteAtomically(string path, string content, UnixFileMode mode) =>
        AtomicFile.WriteInRoot(_root, path, System.Text.Encoding.UTF8.GetBytes(content), mode);
}
