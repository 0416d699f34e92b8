using BootRoute.Model;

namespace BootRoute.Discovery.Networkd;

/// <summary>
/// Reads systemd-networkd's DHCPv4 leases from <see cref="Paths.Leases.NetworkdDirectory"/>, one file per
/// link named by its ifindex, mapped to the link's name through the snapshot. A directory that does
/// not exist is normal (networkd is not running). Names that are not numbers are skipped: networkd
/// writes through a hidden temporary file and renames it, so one may be seen mid-write.
/// </summary>
internal sealed class NetworkdLeaseSource : ILeaseSource
{
    private readonly string _directory;

    public NetworkdLeaseSource(string directory) => _directory = directory;

    public string Name => LeaseSourceNames.Networkd;

    public LeaseReadResult Read(HostSnapshot snapshot)
    {
        var diagnostics = new List<string>();
        var leases = new List<Lease>();
        foreach (var (file, ifindex) in IfindexLeaseFiles.List(_directory, Name, snapshot.Links.Select(link => link.Index).ToHashSet(), diagnostics))
        {
            try
            {
                var link = snapshot.Links.FirstOrDefault(l => l.Index == ifindex);
                if (link is null)
                {
                    // A lease for a link that is gone: networkd removes the file when the link goes away,
                    // so this is worth seeing in the report.
                    diagnostics.Add($"networkd:{file.FullName}: no link has ifindex {ifindex}; lease skipped");
                    continue;
                }
                if (LeaseFileText.ReadOrSay(file.FullName, NetworkdLeaseParser.MaximumLength, "networkd", link.Name, "a lease file", diagnostics)
                    is not { } content)
                {
                    continue;
                }
                var (lease, fileDiagnostics) = NetworkdLeaseParser.Parse(
                    content, link.Name, LeaseValues.LastWrite(file), file.FullName);
                diagnostics.AddRange(fileDiagnostics);
                if (lease is not null)
                {
                    leases.Add(lease);
                }
            }
            catch (Exception e) when (LeaseFileFailure.IsContained(e))
            {
                diagnostics.Add(LeaseFileFailure.Describe(Name, file.FullName, e));
            }
        }
        return new LeaseReadResult(leases.OrderBy(l => l.Interface, StringComparer.Ordinal).ToList(), diagnostics);
    }
}
