using System.Net;
using BootRoute.Model;

namespace BootRoute.Discovery;

/// <summary>
/// A lease's gateway and classless routes, resolved from the three DHCP options that can carry them
/// the way the DHCP clients do it, so every lease parser agrees:
/// <list type="bullet">
/// <item>RFC 3442: a client that gets option 121 (classless static routes) ignores option 3
/// (routers); the gateway is 121's default route, and without one there is no gateway at all.</item>
/// <item>Option 249 is Microsoft's pre-standard copy of 121 with the same meaning; it counts only when
/// 121 is absent (dhclient's and dhcpcd's rule), so a parser need not even decode it then.</item>
/// <item>Without either, the first router is the gateway and there are no classless routes.</item>
/// </list>
/// An option that is present but empty counts as present: it still overrules the routers.
/// </summary>
internal sealed record DhcpRouting(IPAddress? Gateway, IReadOnlyList<ClasslessStaticRoute> ClasslessRoutes)
{
    /// <param name="firstRouter">Option 3's first address, or null without one.</param>
    /// <param name="option121">Option 121's routes, or null when the lease has no option 121.</param>
    /// <param name="option249">Option 249's routes, or null when absent (or not looked at).</param>
    public static DhcpRouting Resolve(
        IPAddress? firstRouter,
        IReadOnlyList<ClasslessStaticRoute>? option121,
        IReadOnlyList<ClasslessStaticRoute>? option249 = null)
    {
        var classless = option121 ?? option249;
        return classless is null
            ? new DhcpRouting(firstRouter, [])
            : new DhcpRouting(classless.FirstOrDefault(route => route.Destination.PrefixLength == 0)?.Gateway, classless);
    }
}
