using System.Net;
using System.Net.Sockets;
using BootRoute.Model;

namespace BootRoute.Netlink;

/// <summary>
/// The agent's view of the kernel's IPv4 and IPv6 routing state over rtnetlink; each read is of one
/// family, each change in the family of its route or rule. Every verb blocks until the
/// kernel acknowledges it and throws <see cref="NetlinkException"/> with the kernel's errno and
/// extended-ack text when it refuses. Interface names are resolved to indexes (and back) inside.
/// </summary>
public interface INetlink : IDisposable
{
    /// <summary>Equivalent to: <c>ip -d link show</c>.</summary>
    IReadOnlyList<Link> ListLinks();

    /// <summary>Equivalent to: <c>ip -4 addr show</c> or <c>ip -6 addr show</c>.</summary>
    IReadOnlyList<InterfaceAddress> ListAddresses(AddressFamily family);

    /// <summary>Equivalent to: <c>ip -4 route show table all</c> or <c>ip -6 …</c> (unicast and other types, no cache).</summary>
    IReadOnlyList<Route> ListRoutes(AddressFamily family);

    /// <summary>Equivalent to: <c>ip -4 rule show</c> or <c>ip -6 rule show</c>.</summary>
    IReadOnlyList<PolicyRule> ListRules(AddressFamily family);

    /// <summary>Equivalent to: <c>ip route add $route</c> (NLM_F_CREATE|NLM_F_EXCL).</summary>
    void AddRoute(Route route);

    /// <summary>Equivalent to: <c>ip route replace $route</c> (NLM_F_CREATE|NLM_F_REPLACE).</summary>
    void ReplaceRoute(Route route);

    /// <summary>Equivalent to: <c>ip route del $route</c>.</summary>
    void DeleteRoute(Route route);

    /// <summary>Equivalent to: <c>ip rule add $rule</c> (NLM_F_CREATE|NLM_F_EXCL).</summary>
    void AddRule(PolicyRule rule);

    /// <summary>Equivalent to: <c>ip rule del $rule</c>.</summary>
    void DeleteRule(PolicyRule rule);

    /// <summary>Equivalent to: <c>ip route get $destination [from $source]</c>.</summary>
    RouteLookup GetRoute(IPAddress destination, IPAddress? source);
}
