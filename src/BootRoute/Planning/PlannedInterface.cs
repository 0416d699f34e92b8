using System.Net;
using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// A NIC BootRoute manages: its lease, the addresses that get a rule, and the table and rule priority
/// it was given. <see cref="IsPrimary"/> is DEFROUTE=yes: the one NIC whose gateway is the main table's
/// default route.
/// </summary>
public sealed record PlannedInterface(
    string Name,
    int Slot,
    IPAddress Address,
    int PrefixLength,
    IReadOnlyList<IPAddress> Addresses,
    IPAddress Gateway,
    uint Table,
    uint Priority,
    bool IsPrimary,
    IPAddress? FloatingIp,
    Lease Lease)
{
    /// <summary>The kernel's ifindex, which probe replies must arrive on.</summary>
    public int LinkIndex { get; init; }

    /// <summary>
    /// Learn <see cref="FloatingIp"/> from <c>verify.echo_url</c>: <c>floating_ip: auto</c>, or every
    /// NIC in automatic mode when an echo URL is set.
    /// </summary>
    public bool DiscoverFloatingIp { get; init; }

    public IPNetwork Network => new IPNetwork(Address, PrefixLength).Normalize();
}
