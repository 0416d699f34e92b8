using BootRoute.Model;

namespace BootRoute.Discovery.Dhclient;

/// <summary>
/// Reads ISC dhclient's lease files from one directory (<see cref="Settings.LeaseSettings.DhclientDirectory"/>).
/// Recognised names:
/// <list type="bullet">
/// <item><c>dhclient.&lt;if&gt;.leases</c> — Debian/Ubuntu ifupdown (<see cref="Paths.DhclientLeaseDirectory"/>)</item>
/// <item><c>dhclient-&lt;anything&gt;-&lt;if&gt;.lease</c> / <c>.leases</c> — RHEL initscripts and NetworkManager (<see cref="Paths.RhelDhclientLeaseDirectory"/>)</item>
/// <item><c>dhclient.leases</c> — one shared file when dhclient runs without <c>-lf</c></item>
/// </list>
/// The interface always comes from the block's <c>interface</c> statement, not the file name. Within a
/// file the last block per interface wins (dhclient appends); across files the most recently
/// modified file wins, since a stale file of an old connection profile can linger beside the live one.
/// </summary>
internal sealed class DhclientLeaseSource : ILeaseSource
{
    private readonly string _directory;

    public DhclientLeaseSource(string directory) => _directory = directory;

    public string Name => "dhclient";

    public LeaseReadResult Read()
    {
        var diagnostics = new List<string>();
        if (!Directory.Exists(_directory))
        {
            diagnostics.Add($"dhclient: lease directory {_directory} does not exist");
            return new LeaseReadResult([], diagnostics);
        }

        List<FileInfo> files;
        try
        {
            files = new DirectoryInfo(_directory).EnumerateFiles()
                .Where(f => IsLeaseFileName(f.Name))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"dhclient: cannot list {_directory}: {e.Message}");
            return new LeaseReadResult([], diagnostics);
        }

        // Oldest first, so a newer file's lease replaces an older file's for the same interface;
        // the name breaks ties so equal times give the same answer on every run.
        var current = new Dictionary<string, Lease>(StringComparer.Ordinal);
        foreach (var file in files.OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            string content;
            try
            {
                content = File.ReadAllText(file.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add($"dhclient:{file.FullName}: cannot read: {e.Message}");
                continue;
            }
            var parsed = DhclientLeaseParser.Parse(content, file.FullName);
            diagnostics.AddRange(parsed.Diagnostics);
            foreach (var block in parsed.LastPerInterface())
            {
                current[block.Lease.Interface] = block.Lease;
            }
        }

        var leases = current.Values.OrderBy(l => l.Interface, StringComparer.Ordinal).ToList();
        return new LeaseReadResult(leases, diagnostics);
    }

    /// <summary>Lease file names dhclient is started with by the distributions BootRoute supports.</summary>
    internal static bool IsLeaseFileName(string name) =>
        name == "dhclient.leases"
        || (name.StartsWith("dhclient.", StringComparison.Ordinal) && name.EndsWith(".leases", StringComparison.Ordinal)
            && name.Length > "dhclient..leases".Length)
        || (name.StartsWith("dhclient-", StringComparison.Ordinal)
            && (name.EndsWith(".lease", StringComparison.Ordinal) || name.EndsWith(".leases", StringComparison.Ordinal)));
}
