using BootRoute.Persistence.Detection;

namespace BootRoute.Tests;

/// <summary>Whether a path BootRoute wrote is one that <see cref="Paths.HostOwned"/> admits to.</summary>
internal static class HostOwnedPaths
{
    /// <summary>
    /// True when <paramref name="path"/> (absolute, as on the host) is an entry, lies inside a
    /// directory entry, or matches a pattern entry of one of the <paramref name="kinds"/>.
    /// </summary>
    public static bool Covers(string path, params Paths.OwnedKind[] kinds) =>
        Paths.HostOwned.Any(entry => kinds.Contains(entry.Kind)
            && (Glob.Matches(entry.Pattern, path) || path.StartsWith(entry.Pattern + "/", StringComparison.Ordinal)));

    /// <summary>Every file and symbolic link under <paramref name="root"/>, as absolute host paths.</summary>
    public static IEnumerable<string> FilesUnder(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Where(entry => !Directory.Exists(entry) || new FileInfo(entry).LinkTarget is not null)
            .Select(entry => "/" + Path.GetRelativePath(root, entry))
            .Order(StringComparer.Ordinal);
}
