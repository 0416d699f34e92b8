using BootRoute.Model;

namespace BootRoute.Discovery.Dhclient;

/// <summary>
/// Reads ISC dhclient's lease files from its directories (<see cref="Settings.LeaseSettings.DhclientDirectories"/>;
/// a directory that does not exist is normal: each distribution uses only one of them).
/// Recognised names:
/// <list type="bullet">
/// <item><c>dhclient.&lt;if&gt;.leases</c> — Debian/Ubuntu ifupdown (<see cref="Paths.Leases.DhclientDirectory"/>)</item>
/// <item><c>dhclient-&lt;anything&gt;-&lt;if&gt;.lease</c> / <c>.leases</c> — RHEL initscripts and NetworkManager (<see cref="Paths.Leases.RhelDhclientDirectory"/>)</item>
/// <item><c>dhclient.leases</c> — one shared file when dhclient runs without <c>-lf</c></item>
/// <item><c>dhclient6.&lt;if&gt;.leases</c>, <c>dhclient6-&lt;anything&gt;-&lt;if&gt;.lease(s)</c>, <c>dhclient6.leases</c> — the same for dhclient -6 (<see cref="DhclientLease6Parser"/>)</item>
/// </list>
/// The interface always comes from the block's <c>interface</c> statement, not the file name. Within a
/// file the last block per interface wins (dhclient appends); across files the most recently
/// modified file wins, since a stale file of an old connection profile can linger beside the live one.
/// </summary>
internal sealed class DhclientLeaseSource : ILeaseSource
{
    private readonly IReadOnlyList<string> _directories;

    public DhclientLeaseSource(params IReadOnlyList<string> directories) => _directories = directories;

    public string Name => LeaseSourceNames.Dhclient;

    public LeaseReadResult Read(HostSnapshot snapshot)
    {
        var diagnostics = new List<string>();
        var files = new List<FileInfo>();
        foreach (var directory in _directories.Where(Directory.Exists))
        {
            try
            {
                files.AddRange(LeaseFileLimit.Take(
                    new DirectoryInfo(directory).EnumerateFiles().Where(f => IsLeaseFileName(f.Name) || IsLease6FileName(f.Name))
                        .OrderByDescending(LeaseValues.LastWrite).ThenBy(f => f.Name, StringComparer.Ordinal),
                    Name, directory, diagnostics));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add($"dhclient: cannot list {directory}: {e.Message}");
            }
        }

        // Oldest first, so a newer file's lease replaces an older file's for the same interface;
        // the name breaks ties so equal times give the same answer on every run.
        var current = new Dictionary<string, Lease>(StringComparer.Ordinal);
        var ipv6 = new Dictionary<string, List<IPv6Lease>>(StringComparer.Ordinal);
        foreach (var file in files.OrderBy(LeaseValues.LastWrite).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            try
            {
                ReadFile(file, (current, ipv6), diagnostics);
            }
            catch (Exception e) when (LeaseFileFailure.IsContained(e))
            {
                diagnostics.Add(LeaseFileFailure.Describe(Name, file.FullName, e));
            }
        }

        var leases = current.Values.OrderBy(l => l.Interface, StringComparer.Ordinal).ToList();
        return new LeaseReadResult(leases, diagnostics)
        {
            IPv6 = ipv6.OrderBy(pair => pair.Key, StringComparer.Ordinal).SelectMany(pair => pair.Value).ToList(),
        };
    }

    private static void ReadFile(FileInfo file, (Dictionary<string, Lease> IPv4, Dictionary<string, List<IPv6Lease>> IPv6) current, List<string> diagnostics)
    {
        string content;
        try
        {
            content = TextFile.Read(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"dhclient:{file.FullName}: cannot read: {e.Message}");
            return;
        }
        if (!IsLease6FileName(file.Name))
        {
            var parsed = DhclientLeaseParser.Parse(content, file.FullName);
            diagnostics.AddRange(parsed.Diagnostics);
            foreach (var block in parsed.LastPerInterface())
            {
                current.IPv4[block.Lease.Interface] = block.Lease;
            }
            return;
        }
        var (ipv6, ipv6Diagnostics) = DhclientLease6Parser.Parse(content, file.FullName);
        diagnostics.AddRange(ipv6Diagnostics);
        foreach (var nic in ipv6.GroupBy(lease => lease.Interface, StringComparer.Ordinal))
        {
            current.IPv6[nic.Key] = [.. nic];
        }
    }

    /// <summary>Lease file names dhclient is started with by the distributions BootRoute supports.</summary>
    internal static bool IsLeaseFileName(string name) => IsLeaseFileName(name, "dhclient");

    /// <summary>The same names with <c>dhclient6</c>, as dhclient -6 is started: lease6 blocks only.</summary>
    internal static bool IsLease6FileName(string name) => IsLeaseFileName(name, "dhclient6");

    private static bool IsLeaseFileName(string name, string client) =>
        name == $"{client}.leases"
        || (name.StartsWith($"{client}.", StringComparison.Ordinal) && name.EndsWith(".leases", StringComparison.Ordinal)
            && name.Length > $"{client}..leases".Length)
        || (name.StartsWith($"{client}-", StringComparison.Ordinal)
            && (name.EndsWith(".lease", StringComparison.Ordinal) || name.EndsWith(".leases", StringComparison.Ordinal)));
}
