using BootRoute.Model;

namespace BootRoute.Discovery;

/// <summary>
/// Reads every lease source in order; for each interface the first source that knows it wins. Sources'
/// diagnostics are kept for the report rather than swallowed.
/// </summary>
public static class LeaseReader
{
    public static LeaseReadResult Read(IEnumerable<ILeaseSource> sources, HostSnapshot snapshot)
    {
        var leases = new List<Lease>();
        var diagnostics = new List<string>();
        foreach (var source in sources)
        {
            var result = source.Read(snapshot);
            diagnostics.AddRange(result.Diagnostics.Select(diagnostic => $"{source.Name}: {diagnostic}"));
            leases.AddRange(result.Leases.Where(lease => leases.All(known => known.Interface != lease.Interface)));
        }
        return new LeaseReadResult(leases, diagnostics);
    }
}
