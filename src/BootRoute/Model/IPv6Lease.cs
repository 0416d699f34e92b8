using System.Net;

namespace BootRoute.Model;

/// <summary>
/// What a source other than the kernel says one global IPv6 address of a NIC is: OpenStack's
/// <c>network_data.json</c> (an <c>ipv6*</c> network's address, prefix and <c>::/0</c> gateway) or
/// dhclient -6 (an IA_NA address, always /128, and no router: DHCPv6 gives none, the router comes
/// from the kernel's router advertisement). <see cref="IPv6Interface.Find"/> merges it with the
/// kernel's view, so an address still in duplicate address detection, or not configured yet, counts.
/// </summary>
public sealed record IPv6Lease(string Interface, IPAddress Address, int PrefixLength, IPAddress? Router, string Source)
{
    /// <summary>When the address's valid lifetime runs out; null for static ones.</summary>
    public DateTimeOffset? Expiry { get; init; }
}
