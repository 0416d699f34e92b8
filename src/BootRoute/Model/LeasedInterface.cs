using System.Buffers.Binary;
using System.Net;

namespace BootRoute.Model;

/// <summary>
/// A NIC whose lease is in force on it: the lease, the leased address as the kernel holds it (with its
/// prefix), all its global addresses (the leased one first) and the gateway to route by. Discovery's
/// readiness wait and the planner ask the same question through <see cref="Find"/>, so what discovery
/// waits for and what planning would refuse are one rule, with one wording.
/// </summary>
public sealed record LeasedInterface(Link Link, Lease Lease, int PrefixLength, IReadOnlyList<IPAddress> Addresses, IPAddress Gateway)
{
    /// <param name="gateway">A configured gateway that overrides the lease's (<c>interfaces[].gateway</c>).</param>
    /// <param name="leaseSources">How the lease sources read are named in a problem, e.g. "dhclient, networkd".</param>
    /// <returns>
    /// The NIC, or why it cannot be managed (no lease, no gateway, address not on the NIC);
    /// <c>Refused</c> when it has a lease whose gateway cannot be a next hop (see <see cref="NextHop"/>):
    /// waiting will not fix that, and automatic mode reports it instead of passing over the NIC quietly.
    /// </returns>
    public static (LeasedInterface? Found, string? Problem, bool Refused) Find(
        HostSnapshot snapshot, IReadOnlyList<Lease> leases, Link link, IPAddress? gateway, string leaseSources)
    {
        var lease = leases.FirstOrDefault(lease => lease.Interface == link.Name);
        if (lease is null)
        {
            return (null, $"{link.Name}: no DHCP lease found (looked in: {leaseSources}); "
                + "for a NIC with a static address, set interfaces[].address and interfaces[].gateway", false);
        }
        if ((gateway ?? lease.Gateway) is not { } router)
        {
            return (null, $"{link.Name}: the lease from {lease.Source} has no gateway (no routers option, no default in option 121); set interfaces[].gateway", false);
        }
        if (NextHop.WhyNot(router, snapshot) is { } why)
        {
            string origin = gateway is null ? $"the lease from {lease.Source}" : "interfaces[].gateway";
            return (null, $"{link.Name}: gateway {router} from {origin} cannot be a next hop: it is {why}; {link.Name} is not managed", true);
        }
        var addresses = snapshot.AddressesOf(link.Name).Where(address => address.Scope == RouteScope.Universe).ToList();
        var leased = addresses.FirstOrDefault(address => address.Address.Equals(lease.Address));
        if (leased is null)
        {
            return (null, addresses.Count == 0
                ? $"{link.Name}: no IPv4 address on the interface (lease from {lease.Source} says {lease.Address})"
                : $"{link.Name}: the leased address {lease.Address} (from {lease.Source}) is not on the interface", false);
        }
        return (new LeasedInterface(link, lease, leased.PrefixLength, Ordered(addresses, lease.Address), router), null, false);
    }

    /// <summary>The leased address first, then the NIC's other addresses in numeric order.</summary>
    private static List<IPAddress> Ordered(List<InterfaceAddress> addresses, IPAddress leased) =>
        addresses.Select(address => address.Address)
            .Distinct()
            .OrderBy(address => address.Equals(leased) ? 0 : 1)
            .ThenBy(address => BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes()))
            .ToList();
}
