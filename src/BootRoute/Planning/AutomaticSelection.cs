using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// Which links automatic mode may manage: the instance's own NICs, never the virtual plumbing that
/// container runtimes, hypervisors and VPNs add. Configured interfaces bypass this filter.
/// </summary>
public static class AutomaticSelection
{
    // Kinds (IFLA_INFO_KIND) that are never an instance's uplink. "veth" is deliberately absent: an LXD
    // or Docker container's own eth0 is a veth, and it is that instance's real NIC.
    private static readonly string[] SkippedKinds =
        ["bridge", "tun", "wireguard", "vxlan", "geneve", "gre", "gretap", "ipip", "sit", "dummy", "ifb", "macsec", "vrf"];

    // Host-side names of container and hypervisor plumbing (docker0, br-1a2b, vethXXXX, cni0, virbr0, …).
    private static readonly string[] SkippedPrefixes =
        ["docker", "br-", "veth", "cni", "flannel", "cali", "cilium", "virbr", "vnet", "tun", "tap", "wg", "kube", "lxcbr", "lxdbr", "podman", "weave", "zt"];

    /// <summary>Null when automatic mode may manage the link, else why not.</summary>
    public static string? WhyNot(Link link)
    {
        if (link.IsLoopback)
        {
            return "loopback";
        }
        if (link.MasterIndex is not null)
        {
            return "enslaved to a bridge or bond";
        }
        if (link.Kind is { } kind && SkippedKinds.Contains(kind, StringComparer.Ordinal))
        {
            return $"a {kind} device";
        }
        var prefix = SkippedPrefixes.FirstOrDefault(prefix => link.Name.StartsWith(prefix, StringComparison.Ordinal));
        return prefix is null ? null : $"named like container or VPN plumbing ({prefix}*)";
    }
}
