using System.Net;
using System.Net.Sockets;

namespace BootRoute.Model;

/// <summary>
/// Whether an address a DHCP server or metadata names as a gateway can be one. A rogue or broken
/// server on one NIC (option 3 or 121 pointing at 127.0.0.1, a multicast or broadcast address, or
/// the instance's own address) must cost that NIC its routing, never make the kernel refuse the whole
/// apply and every NIC lose theirs.
/// </summary>
public static class NextHop
{
    /// <returns>Null when <paramref name="gateway"/> can be a next hop, else what it is instead.</returns>
    public static string? WhyNot(IPAddress gateway, HostSnapshot? snapshot = null)
    {
        if (gateway.AddressFamily != AddressFamily.InterNetwork)
        {
            return "not an IPv4 address";
        }
        byte first = gateway.GetAddressBytes()[0];
        string? why = first switch
        {
            0 => "in 0.0.0.0/8, which names no host",
            127 => "a loopback address",
            >= 224 and <= 239 => "a multicast address",
            _ when gateway.Equals(IPAddress.Broadcast) => "the broadcast address",
            >= 240 => "a reserved address (240.0.0.0/4)",
            _ => null,
        };
        if (why is not null)
        {
            return why;
        }
        var own = snapshot?.Addresses.FirstOrDefault(address => address.Address.Equals(gateway));
        return own is null ? null : $"an address of this instance (on {own.InterfaceName})";
    }

    /// <returns>Null when <paramref name="router"/> can be an IPv6 next hop, else what it is instead.</returns>
    public static string? WhyNotIPv6(IPAddress router, HostSnapshot snapshot)
    {
        if (router.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IPv6 address";
        }
        string? why = router switch
        {
            _ when router.Equals(IPAddress.IPv6Any) => "::, which names no host",
            _ when router.Equals(IPAddress.IPv6Loopback) => "the loopback address",
            _ when router.IsIPv6Multicast => "a multicast address",
            _ when router.IsIPv4MappedToIPv6 => "an IPv4-mapped address",
            _ => null,
        };
        if (why is not null)
        {
            return why;
        }
        var own = snapshot.IPv6.Addresses.FirstOrDefault(address => address.Address.Equals(router));
        return own is null ? null : $"an address of this instance (on {own.InterfaceName})";
    }
}
