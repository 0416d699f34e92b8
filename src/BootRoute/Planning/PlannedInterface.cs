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
    public IPNetwork Network => new IPNetwork(Address, PrefixLength).Normalize();
}
