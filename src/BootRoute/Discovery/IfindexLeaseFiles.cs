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
    public static IEnumerable<(FileInfo File, int Ifindex)> List(string directory, string source, List<string> diagnostics)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        try
        {
            return new DirectoryInfo(directory).EnumerateFiles()
                .Select(file => (File: file, Parsed: int.TryParse(file.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int ifindex), Ifindex: ifindex))
                .Where(entry => entry.Parsed)
                .OrderBy(entry => entry.File.Name, StringComparer.Ordinal)
                .Select(entry => (entry.File, entry.Ifindex))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"{source}: cannot list {directory}: {e.Message}");
            return [];
        }
    }
}
