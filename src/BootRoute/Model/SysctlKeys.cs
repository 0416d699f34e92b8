namespace BootRoute.Model;

/// <summary>The per-interface IPv4 and IPv6 sysctls multihoming cares about, as procfs keys.</summary>
public static class SysctlKeys
{
    public const string All = "all";

    public static string ReversePathFilter(string interfaceName) => $"net/ipv4/conf/{interfaceName}/rp_filter";

    public static string ArpFilter(string interfaceName) => $"net/ipv4/conf/{interfaceName}/arp_filter";

    public static string ArpIgnore(string interfaceName) => $"net/ipv4/conf/{interfaceName}/arp_ignore";

    public static string ArpAnnounce(string interfaceName) => $"net/ipv4/conf/{interfaceName}/arp_announce";

    /// <summary>
    /// Whether the NIC takes a default route from router advertisements (IPv6 has no rp_filter; this
    /// is what stops a secondary's router from re-adding its main default after BootRoute moved it).
    /// </summary>
    public static string AcceptRouterAdvertisementDefault(string interfaceName) => $"net/ipv6/conf/{interfaceName}/accept_ra_defrtr";

    /// <summary>Every key read into the snapshot for one interface (and for "all").</summary>
    public static IEnumerable<string> For(string interfaceName) =>
        [ReversePathFilter(interfaceName), ArpFilter(interfaceName), ArpIgnore(interfaceName), ArpAnnounce(interfaceName),
            AcceptRouterAdvertisementDefault(interfaceName)];

    /// <summary>`sysctl` spelling: net/ipv4/conf/ens4/rp_filter → net.ipv4.conf.ens4.rp_filter.</summary>
    public static string Dotted(string key) => key.Replace('/', '.');
}
