using System.Net;

namespace BootRoute.Model;

/// <summary>
/// An IPv4 address on an interface (RTM_NEWADDR). <see cref="IsDynamic"/> is the inverse of
/// IFA_F_PERMANENT: DHCP clients install addresses with a lifetime, which `ip addr` shows as "dynamic".
/// </summary>
public sealed record InterfaceAddress(
    int InterfaceIndex,
    string InterfaceName,
    IPAddress Address,
    int PrefixLength,
    RouteScope Scope,
    bool IsDynamic = false,
    bool IsSecondary = false)
{
    public IPNetwork Network => new IPNetwork(Address, PrefixLength).Normalize();
}
