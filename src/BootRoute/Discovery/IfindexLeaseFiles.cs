using System.Globalization;

namespace BootRoute.Discovery;

/// <summary>
/// Lists a directory that holds one lease file per link, named by its ifindex (systemd-networkd,
/// NetworkManager). A missing directory is normal (that stack is not running). Names that are not
/// numbers are skipped: both write through a temporary file and rename it, so one may be seen
/// mid-write. A directory that cannot be listed becomes a diagnostic.
/// </summary>
internal static class IfindexLeaseFiles
{
    /// <param name="current">The ifindexes of the links now present: their files are kept first when the
    /// directory holds more than <see cref="LeaseFileLimit.Maximum"/> (then by name).</param>
    public static IEnumerable<(FileInfo File, int Ifindex)> List(string directory, string source, IReadOnlySet<int> current, List<string> diagnostics)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        try
        {
            var files = new DirectoryInfo(directory).EnumerateFiles()
                .Select(file => (File: file, Parsed: int.TryParse(file.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int ifindex), Ifindex: ifindex))
                .Where(entry => entry.Parsed)
                .Select(entry => (entry.File, entry.Ifindex))
                .OrderBy(entry => current.Contains(entry.Ifindex) ? 0 : 1)
                .ThenBy(entry => entry.File.Name, StringComparer.Ordinal);
            return LeaseFileLimit.Take(files, source, directory, diagnostics)
                .OrderBy(entry => entry.File.Name, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"{source}: cannot list {directory}: {e.Message}");
            return [];
        }
    }
}
