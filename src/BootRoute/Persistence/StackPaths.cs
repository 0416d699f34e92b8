namespace BootRoute.Persistence;

/// <summary>
/// Every file and directory of the images' network stacks that persistence reads or writes, as the
/// running system sees them (they are resolved under <c>persist.root</c>). Kept beside
/// <see cref="Paths"/> rather than in it because they belong to other programs.
/// </summary>
public static class StackPaths
{
    /// <summary>netplan's search path, lowest precedence first; a same-named file later in the list shadows an earlier one.</summary>
    public static IReadOnlyList<string> NetplanDirectories { get; } = ["/lib/netplan", "/usr/lib/netplan", "/etc/netplan", "/run/netplan"];

    /// <summary>BootRoute's netplan file: sorts after cloud-init's 50-cloud-init.yaml, so its keys merge on top.</summary>
    public const string NetplanFile = "/etc/netplan/90-bootroute.yaml";

    /// <summary>systemd-networkd's .network search path, lowest precedence first.</summary>
    public static IReadOnlyList<string> NetworkdDirectories { get; } =
        ["/lib/systemd/network", "/usr/lib/systemd/network", "/run/systemd/network", "/etc/systemd/network"];

    /// <summary>Where BootRoute's drop-ins go (<c>&lt;file&gt;.network.d/</c>; /etc wins over /run and /lib).</summary>
    public const string NetworkdDropInDirectory = "/etc/systemd/network";

    /// <summary>The drop-in's name: "90-" sorts after other drop-ins, so its settings win.</summary>
    public const string NetworkdDropInName = "90-bootroute.conf";

    /// <summary>Units' wants directories: a link to the service in one of them means it is enabled.</summary>
    public static IReadOnlyList<string> SystemdWantsDirectories { get; } =
    [
        "/etc/systemd/system/multi-user.target.wants",
        "/etc/systemd/system/network-online.target.wants",
        "/etc/systemd/system/sockets.target.wants",
        "/etc/systemd/system/sysinit.target.wants",
    ];

    public const string NetworkManagerConnections = "/etc/NetworkManager/system-connections";

    /// <summary>NetworkManager's runtime directory: present while the daemon runs.</summary>
    public const string NetworkManagerRunDirectory = "/run/NetworkManager";

    /// <summary>Prefix of the profile BootRoute writes for a NIC that NetworkManager manages without one on disk.</summary>
    public const string NetworkManagerOwnedPrefix = "bootroute-";

    public const string NetworkScripts = "/etc/sysconfig/network-scripts";

    public const string IfupdownInterfaces = "/etc/network/interfaces";

    /// <summary>
    /// BootRoute's ifupdown stanzas. No dot in the name: <c>source-directory</c> reads only names
    /// matching ^[a-zA-Z0-9_-]+$ (interfaces(5)); "60-" sorts after cloud-init's 50-cloud-init.
    /// </summary>
    public const string IfupdownStanzaFile = "/etc/network/interfaces.d/60-bootroute";

    public const string IfupdownInterfacesDirectory = "/etc/network/interfaces.d";

    /// <summary>
    /// dhclient-script sources every file here before acting; run-parts --list takes names matching
    /// ^[a-zA-Z0-9_-]+$ only, hence no dot.
    /// </summary>
    public const string DhclientEnterHook = "/etc/dhcp/dhclient-enter-hooks.d/bootroute-defroute";

    public const string DhcpcdConf = "/etc/dhcpcd.conf";

    /// <summary>Where the DHCP clients are installed on Debian, Ubuntu and RHEL.</summary>
    public static IReadOnlyList<string> DhclientBinaries { get; } = ["/sbin/dhclient", "/usr/sbin/dhclient"];

    public static IReadOnlyList<string> DhcpcdBinaries { get; } = ["/sbin/dhcpcd", "/usr/sbin/dhcpcd"];

    public static IReadOnlyList<string> IfupBinaries { get; } = ["/sbin/ifup", "/usr/sbin/ifup"];

    public static IReadOnlyList<string> NetworkManagerBinaries { get; } = ["/usr/sbin/NetworkManager", "/sbin/NetworkManager"];

    /// <summary>nmcli, which BootRoute runs to make a running NetworkManager re-read a profile it changed.</summary>
    public static IReadOnlyList<string> NmcliBinaries { get; } = ["/usr/bin/nmcli", "/bin/nmcli"];
}
