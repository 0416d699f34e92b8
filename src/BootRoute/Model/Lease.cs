using System.Net;

namespace BootRoute.Model;

/// <summary>
/// What a DHCP client was given for one interface. <see cref="Gateway"/> is already resolved the way
/// the DHCP clients do it: when option 121 (classless static routes) is present its default route wins
/// and option 3 (routers) is ignored (RFC 3442). <see cref="Source"/> says where it was read, e.g.
/// "dhclient:/var/lib/dhcp/dhclient.ens4.leases".
/// </summary>
public sealed record Lease(
    string Interface,
    IPAddress Address,
    int? PrefixLength,
    IPAddress? Gateway,
    IReadOnlyList<ClasslessStaticRoute> ClasslessStaticRoutes,
    string Source)
{
    /// <summary>When the lease runs out; null for addresses that do not (static, metadata, the kernel's).</summary>
    public DateTimeOffset? Expiry { get; init; }
}

/// <summary>One entry of DHCP option 121 (RFC 3442).</summary>
public sealed record ClasslessStaticRoute(IPNetwork Destination, IPAddress Gateway);
