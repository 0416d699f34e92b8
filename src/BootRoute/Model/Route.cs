using System.Net;
using System.Text;

namespace BootRoute.Model;

/// <summary>
/// An IPv4 or IPv6 route in one table (the destination's family is the route's). <see cref="Device"/> is the output interface's name (resolved from
/// RTA_OIF at decode time). The kernel identifies a route by (table, destination, tos, metric); the
/// other fields are its attributes, which `ip route replace` may change in place.
/// </summary>
public sealed record Route(
    uint Table,
    IPNetwork Destination,
    string? Device,
    IPAddress? Gateway = null,
    IPAddress? PreferredSource = null,
    RouteScope Scope = RouteScope.Universe,
    byte Protocol = RouteProtocols.BootRoute,
    uint? Metric = null,
    RouteType Type = RouteType.Unicast,
    bool OnLink = false)
{
    /// <summary>
    /// The kernel's route has more than this record holds (metrics such as mtu, tos, a second
    /// nexthop, an encapsulation, a realm, a nexthop object, a source prefix): BootRoute neither writes
    /// such a route nor could put it back as it was, so it is never adopted as one of its own. Always
    /// false for what BootRoute plans.
    /// </summary>
    public bool HasAttributesBeyondModel { get; init; }

    /// <summary>
    /// The kernel's identity of a route: what `ip route replace` matches on. IPv6 keeps routes to one
    /// destination at one metric through different devices side by side (each NIC's router-advertised
    /// default in main), so there the device is part of it.
    /// </summary>
    public RouteKey Key => new(Table, Destination, Metric ?? 0, Destination.IsIPv6() ? Device : null);

    public bool IsDefault => Destination.PrefixLength == 0;

    /// <summary>The route the way `ip route` prints and accepts it.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Type != RouteType.Unicast && Type != RouteType.Unspecified)
        {
            text.Append(Type.ToString().ToLowerInvariant()).Append(' ');
        }
        text.Append(Destination.ToIpString());
        if (Gateway is not null)
        {
            text.Append(" via ").Append(Gateway);
        }
        if (Device is not null)
        {
            text.Append(" dev ").Append(ShellWord.Quote(Device));
        }
        if (Table != RoutingTables.Main)
        {
            text.Append(" table ").Append(RoutingTables.Name(Table));
        }
        if (Protocol != RouteProtocols.Boot && Protocol != RouteProtocols.Unspecified)
        {
            text.Append(" proto ").Append(RouteProtocols.ToIpArgument(Protocol));
        }
        if (Scope != RouteScope.Universe)
        {
            text.Append(" scope ").Append(Scope.ToString().ToLowerInvariant());
        }
        if (PreferredSource is not null)
        {
            text.Append(" src ").Append(PreferredSource);
        }
        if (Metric is { } metric && metric != 0)
        {
            text.Append(" metric ").Append(metric);
        }
        if (OnLink)
        {
            text.Append(" onlink");
        }
        return text.ToString();
    }
}

/// <summary>What identifies a route to the kernel: the destination's family is part of it, and for IPv6 the device.</summary>
public readonly record struct RouteKey(uint Table, IPNetwork Destination, uint Metric, string? Device = null);
