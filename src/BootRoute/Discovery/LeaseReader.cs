using BootRoute.Model;

namespace BootRoute.Discovery;

/// <summary>
/// Reads every lease source in order; for each interface the first source that knows it wins.
/// Expired leases are dropped (a DHCP client that lost its lease no longer owns the address).
/// Sources' diagnostics are kept for the report rather than swallowed.
/// </summary>
public static class LeaseReader
{
    public static LeaseReadResult Read(IEnumerable<ILeaseSource> sources, HostSnapshot snapshot, DateTimeOffset now)
    {
        var leases = new List<Lease>();
        var diagnostics = new List<string>();
        foreach (var source in sources)
        {
            var result = source.Read(snapshot);
            diagnostics.AddRange(result.Diagnostics.Select(diagnostic =>
                diagnostic.StartsWith(source.Name, StringComparison.Ordinal) ? diagnostic : $"{source.Name}: {diagnostic}"));
            foreach (var lease in result.Leases)
            {
                if (leases.Any(known => known.Interface == lease.Interface))
                {
                    continue;
                }
                if (lease.Expiry is { } expiry && expiry < now)
                {
                    diagnostics.Add($"{lease.Source}: the lease for {lease.Interface} expired at {expiry:u}; ignored");
                    continue;
                }
                leases.Add(lease);
            }
        }
        return new LeaseReadResult(leases, diagnostics);
    }
}
