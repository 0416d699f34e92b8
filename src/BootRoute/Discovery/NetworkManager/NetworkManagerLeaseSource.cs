using BootRoute.Model;

namespace BootRoute.Discovery.NetworkManager;

/// <summary>
/// Reads NetworkManager's DHCPv4 leases from its device state files (<see cref="Paths.Leases.NetworkManagerDeviceDirectory"/>,
/// NetworkManager ≥ 1.40), one per link named by its ifindex, mapped to the link's name through the
/// snapshot. A directory that does not exist is normal (NetworkManager is not running or is older), and
/// so is a device file without <c>[dhcp4]</c> (an unmanaged or statically configured device). Names that
/// are not numbers are skipped: GLib writes through a temporary <c>&lt;ifindex&gt;.XXXXXX</c> and renames it.
/// </summary>
internal sealed class NetworkManagerLeaseSource : ILeaseSource
{
    private readonly string _directory;

    public NetworkManagerLeaseSource(string directory) => _directory = directory;

    public string Name => LeaseSourceNames.NetworkManager;

    public LeaseReadResult Read(HostSnapshot snapshot)
    {
        var diagnostics = new List<string>();
        var leases = new List<Lease>();
        foreach (var (file, ifindex) in IfindexLeaseFiles.List(_directory, Name, snapshot.Links.Select(link => link.Index).ToHashSet(), diagnostics))
        {
            try
            {
                // The file is read before the ifindex is looked up: a stale file of a gone link is only
                // worth a diagnostic when it holds a lease.
                var link = snapshot.Links.FirstOrDefault(l => l.Index == ifindex);
                string name = link?.Name ?? $"ifindex {ifindex}";
                if (LeaseFileText.ReadOrSay(file.FullName, NetworkManagerDeviceParser.MaximumLength, "networkmanager", name, "a device state file", diagnostics)
                    is not { } content)
                {
                    continue;
                }
                var (lease, diagnostic) = NetworkManagerDeviceParser.Parse(
                    content, name, LeaseValues.LastWrite(file), file.FullName);
                if (diagnostic is not null)
                {
                    diagnostics.Add(diagnostic);
                }
                else if (lease is not null && link is null)
                {
                    diagnostics.Add($"networkmanager:{file.FullName}: no link has ifindex {ifindex}; lease skipped");
                }
                else if (lease is not null)
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
