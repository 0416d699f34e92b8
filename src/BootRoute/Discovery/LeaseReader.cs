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
    /// <param name="preferHeldAddresses">
    /// A lease naming an address its NIC no longer holds stands for the address the NIC's DHCP client
    /// configured instead: a client's record can lag behind what it configured. ISC dhclient writes a
    /// lease to its file only when its last write is 15 s old (MIN_LEASE_WRITE), so a renumbering NAK
    /// and new lease right after a renewal leave the old address in the file until the next renewal,
    /// which for the new lease may be half an hour away. Off for a first read: dhclient also runs its
    /// hooks just before it writes the file, so the caller waits a moment first (<see cref="Discoverer.WaitAsync"/>).
    /// </param>
    public static LeaseReadResult Read(IEnumerable<ILeaseSource> sources, HostSnapshot snapshot, DateTimeOffset now, bool preferHeldAddresses = false)
    {
        var leases = new List<Lease>();
        var ipv6 = new List<IPv6Lease>();
        var shadowed = new List<Lease>();
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
                    if (lease.Expiry is not { } ended || ended >= now)
                    {
                        shadowed.Add(lease);
                    }
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
        if (preferHeldAddresses)
        {
            for (int i = 0; i < leases.Count; i++)
            {
                leases[i] = HeldInstead(leases[i], shadowed, snapshot, diagnostics);
            }
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

    /// <summary>
    /// For a lease whose address its NIC no longer holds: the same lease readdressed to the NIC's
    /// dynamic address when its gateway is on that address's network (the provider moved the NIC within
    /// its network, so the lease's gateway and option 121 routes still hold), else a later source's
    /// lease naming an address the NIC holds (the kernel's), else the lease as it is.
    /// </summary>
    private static Lease HeldInstead(Lease lease, List<Lease> shadowed, HostSnapshot snapshot, List<string> diagnostics)
    {
        if (Holds(snapshot, lease))
        {
            return lease;
        }
        var configured = snapshot.Links.FirstOrDefault(link => link.Name == lease.Interface) is { } nic
            ? Kernel.PrimaryAddressLeases.PrimaryAddress(snapshot, nic, dynamic: true)
            : null;
        Lease? instead = configured is not null && lease.Gateway is { } gateway && configured.Network.Contains(gateway)
            ? lease with { Address = configured.Address, PrefixLength = configured.PrefixLength }
            : shadowed.FirstOrDefault(later => later.Interface == lease.Interface && Holds(snapshot, later));
        if (instead is null)
        {
            return lease;
        }
        diagnostics.Add($"{lease.Source}: the lease for {lease.Interface} names {lease.Address}, which {lease.Interface} no longer holds; "
            + (instead.Source == lease.Source
                ? $"using it for {instead.Address}/{instead.PrefixLength}, the address its DHCP client configured on the same network, until the client records its new lease"
                : $"using {instead.Address} from {instead.Source} until the client records its new lease"));
        return instead;
    }

    private static bool Holds(HostSnapshot snapshot, Lease lease) =>
        snapshot.AddressesOf(lease.Interface).Any(address => address.Address.Equals(lease.Address));
}
