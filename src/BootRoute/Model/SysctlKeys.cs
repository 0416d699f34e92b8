namespace BootRoute.Model;

/// <summary>The per-interface IPv4 sysctls multihoming cares about, as procfs keys.</summary>
public static class SysctlKeys
{
    public const string All = "all";

    public static string ReversePathFilter(string interfaceName) => $"net/ipv4/conf/{interfaceName}/rp_filter";

    public static string ArpFilter(string interfaceName) => $"net/ipv4/conf/{interfaceName}/arp_filter";

    public static string ArpIgnore(string interfaceName) => $"net/ipv4/conf/{interfaceName}/arp_ignore";

    public static string ArpAnnounce(string interfaceName) => $"net/ipv4/conf/{interfaceName}/arp_announce";

    /// <summary>Every key read into the snapshot for one interface (and for "all").</summary>
    public static IEnumerable<string> For(string interfaceName) =>
        [ReversePathFilter(interfaceName), ArpFilter(interfaceName), ArpIgnore(interfaceName), ArpAnnounce(interfaceName)];

    /// <summary>`sysctl` spelling: net/ipv4/conf/ens4/rp_filter → net.ipv4.conf.ens4.rp_filter.</summary>
    public static string Dotted(string key) => key.Replace('/', '.');
}
