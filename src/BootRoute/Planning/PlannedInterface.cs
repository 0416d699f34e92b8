using System.Net;
using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// A NIC BootRoute manages: its lease, the addresses that get a rule, and the table and rule priority
/// it was given. <see cref="IsPrimary"/> is DEFROUTE=yes: the one NIC whose gateway is the main table's
/// default route.
/// </summary>
public sealed record PlannedInterface
{
    public required string Name { get; init; }

    /// <summary>1-based place among the managed NICs: its table is table_base + slot, its rule priority priority_base + slot.</summary>
    public required int Slot { get; init; }

    /// <summary>The leased address: the one the table's routes use as source.</summary>
    public required IPAddress Address { get; init; }

    public required int PrefixLength { get; init; }

    /// <summary>Every global address of the NIC, the leased one first: each gets a rule.</summary>
    public required IReadOnlyList<IPAddress> Addresses { get; init; }

    public required IPAddress Gateway { get; init; }

    public required uint Table { get; init; }

    public required uint Priority { get; init; }

    public required bool IsPrimary { get; init; }

    public IPAddress? FloatingIp { get; init; }

    public required Lease Lease { get; init; }

    /// <summary>The kernel's ifindex, which probe replies must arrive on.</summary>
    public int LinkIndex { get; init; }

    /// <summary>
    /// Learn <see cref="FloatingIp"/> from <c>verify.echo_url</c>: <c>floating_ip: auto</c>, or every
    /// NIC in automatic mode when an echo URL is set.
    /// </summary>
    public bool DiscoverFloatingIp { get; init; }

    public IPNetwork Network => new IPNetwork(Address, PrefixLength).Normalize();
}
