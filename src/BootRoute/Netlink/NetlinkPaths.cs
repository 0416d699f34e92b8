namespace BootRoute.Netlink;

/// <summary>Every file this layer touches, in one place.</summary>
public static class NetlinkPaths
{
    /// <summary>Writing "-1" here flushes the IPv4 route cache, what `ip route flush cache` does.</summary>
    public const string RouteCacheFlush = "/proc/sys/net/ipv4/route/flush";

    /// <summary>The calling thread's own network namespace, to return to after a setns.</summary>
    public const string ThreadNetworkNamespace = "/proc/thread-self/ns/net";
}
