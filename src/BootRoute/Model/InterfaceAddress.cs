using System.Net;
using System.Net.Sockets;

namespace BootRoute.Model;

/// <summary>
/// An IPv4 or IPv6 address on an interface (RTM_NEWADDR). <see cref="IsDynamic"/> is the inverse of
/// IFA_F_PERMANENT: DHCP clients install addresses with a lifetime, which `ip addr` shows as "dynamic",
/// and so does SLAAC. IPv6 only: <see cref="IsTemporary"/> is a privacy address (RFC 8981,
/// IFA_F_TEMPORARY, the bit IPv4 uses for "secondary"); <see cref="IsTentative"/> one that cannot be a
/// source yet or ever (duplicate address detection running or failed); <see cref="IsDeprecated"/> one
/// whose preferred lifetime ended (a renumbered prefix's old address): still the NIC's for the
/// connections that use it, never a new connection's source.
/// </summary>
public sealed record InterfaceAddress(
    int InterfaceIndex,
    string InterfaceName,
    IPAddress Address,
    int PrefixLength,
    RouteScope Scope,
    bool IsDynamic = false,
    bool IsSecondary = false,
    bool IsTemporary = false,
    bool IsTentative = false,
    bool IsDeprecated = false)
{
    public IPNetwork Network => new IPNetwork(Address, PrefixLength).Normalize();

    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;
}
