namespace BootRoute.Persistence;

/// <summary>
/// The files of one system, addressed by the absolute paths that system sees
/// (<c>/etc/netplan/90-bootroute.yaml</c>) but living under <see cref="Root"/>: "/" on a running host,
/// an image tree when baking one (<c>persist.root</c>). Reads return null or empty for what is absent;
/// I/O errors (<see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>) reach the caller.
/// </summary>
public interface IRootFileSystem
{
    string Root { get; }

    /// <summary>The file's text, or null when there is no such file.</summary>
    string? ReadText(string path);

    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>Names of the regular files (and links to them) in a directory; empty when it does not exist.</summary>
    IReadOnlyList<string> FileNames(string directory);

    /// <summary>Names of the subdirectories of a directory; empty when it does not exist.</summary>
    IReadOnlyList<string> DirectoryNames(string directory);

    /// <summary>The file's permission bits, or null when there is no such file.</summary>
    UnixFileMode? ModeOf(string path);

    /// <summary>
    /// Replaces the file in one step (temporary file beside it, fsync, rename), so a reader or a
    /// crash sees the old content or the new, never a mix. Missing parent directories are created.
    /// </summary>
    void WriteAtomically(string path, string content, UnixFileMode mode);

    void Delete(string path);

    /// <summary>
    /// Removes the temporary files a killed write left in <paramref name="directory"/>: only names of
    /// the writer's own pattern, and earlier versions' names for <paramref name="names"/> (files of
    /// that directory BootRoute writes). How many it removed.
    /// </summary>
    int RemoveLeftovers(string directory, IReadOnlyCollection<string> names);

    /// <summary>Removes the directory when nothing is left in it.</summary>
    void DeleteDirectoryIfEmpty(string path);

    /// <summary>How messages name the path: itself under "/", else prefixed with the root.</summary>
    string Describe(string path);
}
