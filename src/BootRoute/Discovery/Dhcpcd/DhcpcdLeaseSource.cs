using BootRoute.Model;

namespace BootRoute.Discovery.Dhcpcd;

/// <summary>
/// Reads dhcpcd's lease files from its DBDIR (<see cref="Paths.Leases.DhcpcdDirectory"/>; a directory
/// that does not exist is normal: dhcpcd is not the DHCP client on most images). Recognised names:
/// <list type="bullet">
/// <item><c>&lt;if&gt;.lease</c> — dhcpcd ≥ 8 (the interface is the name minus <c>.lease</c>)</item>
/// <item><c>dhcpcd-&lt;if&gt;.lease</c> — dhcpcd 6 and 7</item>
/// </list>
/// <c>&lt;if&gt;-&lt;ssid&gt;.lease</c> is a wireless network's lease, kept per SSID whether or not it is the
/// one joined now, so it is skipped: a name that is not a link but whose part before a <c>-</c> is.
/// <c>.lease6</c>, <c>duid</c>, <c>secret</c> and <c>rdm_monotonic</c> share the directory and are not IPv4 leases.
/// We parse the stored message rather than run <c>dhcpcd --dumplease</c>: no process at boot, and no
/// dependence on dhcpcd's output format or on its compiled-in DBDIR.
/// </summary>
internal sealed class DhcpcdLeaseSource : ILeaseSource
{
    private const string Suffix = ".lease", OldPrefix = "dhcpcd-";

    private readonly string _directory;

    public DhcpcdLeaseSource(string directory) => _directory = directory;

    public string Name => LeaseSourceNames.Dhcpcd;

    public LeaseReadResult Read(HostSnapshot snapshot)
    {
        var diagnostics = new List<string>();
        if (!Directory.Exists(_directory))
        {
            return new LeaseReadResult([], diagnostics);
        }
        List<FileInfo> files;
        try
        {
            // Only files that name a present interface are ever read: the newest of those, up to the limit.
            files = LeaseFileLimit.Take(
                new DirectoryInfo(_directory).EnumerateFiles("*" + Suffix)
                    .Where(f => f.Name.EndsWith(Suffix, StringComparison.Ordinal)) // the pattern also matches .lease6 on some platforms
                    .Where(f => InterfaceName(f.Name, snapshot) is not null)
                    .OrderByDescending(LeaseValues.LastWrite).ThenBy(f => f.Name, StringComparer.Ordinal),
                Name, _directory, diagnostics);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"dhcpcd: cannot list {_directory}: {e.Message}");
            return new LeaseReadResult([], diagnostics);
        }

        // Oldest first, so when both an old-style and a new-style file name one interface the newer
        // one wins; the name breaks ties so equal times give the same answer on every run.
        var current = new Dictionary<string, Lease>(StringComparer.Ordinal);
        foreach (var file in files.OrderBy(LeaseValues.LastWrite).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            try
            {
                if (InterfaceName(file.Name, snapshot) is { } name && ReadLease(file, name, diagnostics) is { } lease)
                {
                    current[name] = lease;
                }
            }
            catch (Exception e) when (LeaseFileFailure.IsContained(e))
            {
                diagnostics.Add(LeaseFileFailure.Describe(Name, file.FullName, e));
            }
        }
        return new LeaseReadResult(current.Values.OrderBy(l => l.Interface, StringComparer.Ordinal).ToList(), diagnostics);
    }

    /// <summary>The lease in one file, or null with a diagnostic.</summary>
    private static Lease? ReadLease(FileInfo file, string name, List<string> diagnostics)
    {
        byte[] content;
        try
        {
            content = TextFile.ReadBytes(file.FullName, DhcpcdLeaseParser.MaximumLength);
        }
        catch (TextFile.FileTooLargeException)
        {
            diagnostics.Add($"dhcpcd:{file.FullName}: lease for {name} skipped: over {DhcpcdLeaseParser.MaximumLength} bytes: too big for a lease file");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"dhcpcd:{file.FullName}: cannot read: {e.Message}");
            return null;
        }
        var (lease, diagnostic) = DhcpcdLeaseParser.Parse(content, name, LeaseValues.LastWrite(file), file.FullName);
        if (lease is null)
        {
            diagnostics.Add(diagnostic!);
        }
        return lease;
    }

    /// <summary>
    /// The interface a lease file belongs to, or null for a wireless SSID's file. The snapshot decides
    /// the ambiguous case: interface names may contain <c>-</c> themselves (<c>br-lan</c>).
    /// </summary>
    internal static string? InterfaceName(string fileName, HostSnapshot snapshot)
    {
        string stem = fileName[..^Suffix.Length];
        if (stem.StartsWith(OldPrefix, StringComparison.Ordinal) && stem.Length > OldPrefix.Length
            && snapshot.FindLink(stem) is null)
        {
            stem = stem[OldPrefix.Length..];
        }
        if (stem.Length == 0)
        {
            return null;
        }
        if (snapshot.FindLink(stem) is not null)
        {
            return stem;
        }
        for (int dash = stem.IndexOf('-', StringComparison.Ordinal); dash > 0; dash = stem.IndexOf('-', dash + 1))
        {
            if (snapshot.FindLink(stem[..dash]) is not null)
            {
                return null; // <if>-<ssid>.lease
            }
        }
        return stem; // a link that is gone or not up yet: still report its lease
    }
}
