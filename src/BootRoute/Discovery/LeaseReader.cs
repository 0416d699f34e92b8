using BootRoute.Model;

namespace BootRoute.Discovery;

/// <summary>
/// Reads every lease source in order; for each interface the first source that knows it wins.
/// Expired leases are dropped (a DHCP client that lost its lease no longer owns the address).
/// Sources' diagnostics are kept for the report rather than swallowed, and a source that fails in a
/// way it did not expect costs only its own leases.
/// </summary>
public static class LeaseReader
{
    public static LeaseReadResult Read(IEnumerable<ILeaseSource> sources, HostSnapshot snapshot, DateTimeOffset now)
    {
        var leases = new List<Lease>();
        var ipv6 = new List<IPv6Lease>();
        var diagnostics = new List<string>();
        foreach (var source in sources)
        {
            LeaseReadResult result;
            try
            {
                result = source.Read(snapshot);
            }
            catch (Exception e) when (LeaseFileFailure.IsContained(e))
            {
                // Sources contain failures per file; this is for one that escaped anyway (listing a
                // directory, mounting a config drive): that source's leases are lost, not the others'.
                diagnostics.Add($"{source.Name}: source skipped: unexpected {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")} (a bug in BootRoute: please report it)");
                continue;
            }
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
            AddIPv6(ipv6, result.IPv6, now, diagnostics);
        }
        return new LeaseReadResult(leases, diagnostics) { IPv6 = ipv6 };
    }

    /// <summary>IPv6 by the same rule: the first source that knows a NIC's IPv6 wins for that NIC, expired addresses are dropped.</summary>
    private static void AddIPv6(List<IPv6Lease> known, IReadOnlyList<IPv6Lease> read, DateTimeOffset now, List<string> diagnostics)
    {
        var earlier = known.Select(lease => lease.Interface).ToHashSet(StringComparer.Ordinal);
        foreach (var lease in read.Where(lease => !earlier.Contains(lease.Interface)))
        {
            if (lease.Expiry is { } expiry && expiry < now)
            {
                diagnostics.Add($"{lease.Source}: the IPv6 address {lease.Address} of {lease.Interface} expired at {expiry:u}; ignored");
                continue;
            }
            known.Add(lease);
        }
    }
}
