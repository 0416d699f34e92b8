namespace BootRoute;

/// <summary>
/// Every file and directory BootRoute reads or writes by default, grouped by concern, in one place:
/// other classes refer to these and spell no path of their own, so a packager or a test sees them all
/// at once. <see cref="HostOwned"/> is the subset BootRoute may create or change on a host
/// (<c>bootroute paths --owned</c> prints it; tests/test.sh checks with it that no test touched the
/// machine's own files). Paths of the network stacks are as the running system sees them; persistence
/// and install resolve them under their root (<c>persist.root</c>, <c>--root</c>).
/// </summary>
internal static class Paths
{
    /// <summary>The settings (settings.config, <c>--config</c>).</summary>
    public static class Config
    {
        public const string Directory = "/etc/bootroute";

        /// <summary>The main settings file, used when no <c>--config</c> is given.</summary>
        public const string File = Directory + "/bootroute.yaml";

        /// <summary>Drop-in folder beside whichever settings file is used; its <c>*.yaml</c> files are read in name order.</summary>
        public const string DropInDirectoryName = "conf.d";
    }

    /// <summary>Where the DHCP clients and the cloud keep what discovery reads as leases (leases.*).</summary>
    public static class Leases
    {
        /// <summary>Where Debian's and Ubuntu's ifupdown tell dhclient to keep <c>dhclient.&lt;if&gt;.leases</c>.</summary>
        public const string DhclientDirectory = "/var/lib/dhcp";

        /// <summary>Where RHEL's initscripts and NetworkManager's dhclient plugin keep <c>dhclient-*.lease(s)</c>.</summary>
        public const string RhelDhclientDirectory = "/var/lib/dhclient";

        /// <summary>Where NetworkManager's dhclient plugin keeps <c>dhclient-&lt;uuid&gt;-&lt;if&gt;.lease</c>.</summary>
        public const string NetworkManagerDirectory = "/var/lib/NetworkManager";

        /// <summary>dhcpcd's DBDIR: <c>&lt;if&gt;.lease</c> holds the raw DHCP message it was given.</summary>
        public const string DhcpcdDirectory = "/var/lib/dhcpcd";

        /// <summary>systemd-networkd's leases, one file per ifindex.</summary>
        public const string NetworkdDirectory = "/run/systemd/netif/leases";

        /// <summary>NetworkManager ≥ 1.40's per-device state, one file per ifindex with a <c>[dhcp4]</c> section.</summary>
        public const string NetworkManagerDeviceDirectory = "/run/NetworkManager/devices";

        /// <summary>Where udev links a file system by its label.</summary>
        public const string DiskByLabelDirectory = "/dev/disk/by-label";

        /// <summary>The OpenStack config drive's file system label.</summary>
        public const string ConfigDriveLabel = "config-2";

        /// <summary>network_data.json inside the config drive or a metadata directory.</summary>
        public const string OpenStackNetworkData = "openstack/latest/network_data.json";
    }

    /// <summary>BootRoute's own runtime state (state.directory).</summary>
    public static class State
    {
        /// <summary>state.json, status.json and the lock file.</summary>
        public const string Directory = "/run/bootroute";

        /// <summary>What apply changed that remove must restore.</summary>
        public const string StateFileName = "state.json";

        /// <summary>The report of the last apply, verify or remove, as --json prints it.</summary>
        public const string StatusFileName = "status.json";

        /// <summary>flock(2)ed by apply and remove.</summary>
        public const string LockFileName = "lock";
    }

    /// <summary>procfs files of the kernel; per network namespace where it matters.</summary>
    public static class Kernel
    {
        /// <summary>procfs root of the network sysctls, which show the reader's network namespace.</summary>
        public const string SysctlRoot = "/proc/sys";

        /// <summary>Writing "-1" here flushes the IPv4 route cache, what `ip route flush cache` does.</summary>
        public const string RouteCacheFlush = SysctlRoot + "/net/ipv4/route/flush";

        /// <summary>The calling thread's own network namespace, to return to after a setns.</summary>
        public const string ThreadNetworkNamespace = "/proc/thread-self/ns/net";

        /// <summary>What the process's stderr is: a "socket:[inode]" link when it is the journal's stream.</summary>
        public const string StandardErrorLink = "/proc/self/fd/2";

        /// <summary>journald's native protocol socket (datagrams of KEY=value fields, systemd.journal-fields(7)).</summary>
        public const string JournalSocket = "/run/systemd/journal/socket";
    }

    /// <summary>iproute2's name files: <c>ip</c> reads <c>*.conf</c> in the .d directories since v4.4.</summary>
    public static class IpRoute2
    {
        public const string FileName = "bootroute.conf";

        public const string TablesDirectory = "/etc/iproute2/rt_tables.d";

        /// <summary>The table names, rewritten by every apply that plans different tables.</summary>
        public const string TablesFile = TablesDirectory + "/" + FileName;

        /// <summary>The protocol name (200 bootroute), the same on every host.</summary>
        public const string ProtocolsFile = "/etc/iproute2/rt_protos.d/" + FileName;

        /// <summary>Where other table names come from (rt_names.c: /etc, else the vendor's copy).</summary>
        public static IReadOnlyList<string> OtherTablesFiles { get; } =
            ["/etc/iproute2/rt_tables", "/usr/share/iproute2/rt_tables", "/usr/lib/iproute2/rt_tables"];

        /// <summary>The .d directories other table names come from, ours among them.</summary>
        public static IReadOnlyList<string> TablesDirectories { get; } = [TablesDirectory, "/usr/share/iproute2/rt_tables.d"];
    }

    /// <summary>
    /// Where an installation puts its parts. <c>bootroute install</c> is a local install
    /// (<c>/usr/local/sbin</c>, the unit among the administrator's in /etc/systemd/system), the Debian
    /// package is the distribution's (<c>/usr/sbin</c>, the unit in /usr/lib/systemd/system).
    /// </summary>
    public static class Install
    {
        public const string LocalPrefix = "/usr/local";
        public const string PackagePrefix = "/usr";

        /// <summary>The agent itself, under a prefix: a root-only tool, so sbin.</summary>
        public const string BinaryUnderPrefix = "sbin/bootroute";

        public const string UnitName = "bootroute.service";

        /// <summary>The path unit re-applying when NetworkManager records a lease, and the service it starts (Install/LeaseUnits.cs).</summary>
        public const string LeasePathName = "bootroute-lease.path";
        public const string LeaseServiceName = "bootroute-lease.service";

        /// <summary>bash-completion loads completions/NAME on demand from each XDG data directory (/usr/local/share, /usr/share).</summary>
        public const string BashCompletionUnderPrefix = "share/bash-completion/completions/bootroute";

        /// <summary>systemd reads vendor units from /usr/lib and local ones from /etc; /usr/local has no unit directory.</summary>
        public const string PackageUnitDirectory = "/usr/lib/systemd/system";
        public const string LocalUnitDirectory = "/etc/systemd/system";

        /// <summary>Read by bootroute.service and bootroute-lease.service (EnvironmentFile) and by the DHCP hooks (sourced by sh).</summary>
        public const string Environment = "/etc/default/bootroute";

        public const string RecordDirectory = "/var/lib/bootroute";

        /// <summary>What install records (files written, directories created) so uninstall can put the root back exactly.</summary>
        public const string Record = RecordDirectory + "/installed";

        /// <summary>
        /// Debian's isc-dhcp-client sources /etc/dhcp/dhclient-exit-hooks.d/* in run-parts --list order
        /// after configuring a lease; "zz-" sorts after rfc3442-classless-routes, which adds option 121's
        /// routes, so the agent never races it.
        /// </summary>
        public const string DhclientExitHook = "/etc/dhcp/dhclient-exit-hooks.d/zz-bootroute";

        /// <summary>
        /// RHEL's dhclient-script (dhcp-client) reads no exit-hooks directory: it sources each executable
        /// /etc/dhcp/dhclient.d/NAME.sh and calls NAME_config after configuring a lease.
        /// </summary>
        public const string DhclientRhelHook = "/etc/dhcp/dhclient.d/bootroute.sh";

        /// <summary>Debian's dhcpcd-base sources the hooks in its HOOKDIR in name order; 90 runs after resolv.conf and hostname.</summary>
        public const string DhcpcdHook = "/usr/lib/dhcpcd/dhcpcd-hooks/90-bootroute";

        /// <summary>NetworkManager runs executables here with the interface and the action as arguments.</summary>
        public const string NetworkManagerDispatcher = "/etc/NetworkManager/dispatcher.d/90-bootroute";

        /// <summary>networkd-dispatcher runs executables here when a link becomes routable (IFACE in the environment).</summary>
        public const string NetworkdDispatcher = "/etc/networkd-dispatcher/routable.d/90-bootroute";
    }

    /// <summary>
    /// The images' network stacks' files that persistence reads or writes. They belong to other
    /// programs: BootRoute writes only its own files among them and marked blocks in theirs.
    /// </summary>
    public static class Stacks
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

        public const string IfupdownInterfacesDirectory = "/etc/network/interfaces.d";

        /// <summary>
        /// BootRoute's ifupdown stanzas. No dot in the name: <c>source-directory</c> reads only names
        /// matching ^[a-zA-Z0-9_-]+$ (interfaces(5)); "60-" sorts after cloud-init's 50-cloud-init.
        /// </summary>
        public const string IfupdownStanzaFile = IfupdownInterfacesDirectory + "/60-bootroute";

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

    /// <summary>
    /// Every path on a host that BootRoute may create or change, with the defaults: what apply, persist
    /// and install write. <c>*</c> stands for any part of one name, as in the shell. A
    /// <see cref="OwnedKind.Created"/> entry is BootRoute's alone (a directory with everything in it);
    /// a <see cref="OwnedKind.MarkedBlock"/> entry belongs to the image and gets BootRoute's lines
    /// between markers (<c># BEGIN bootroute</c>).
    /// </summary>
    public static IReadOnlyList<OwnedPath> HostOwned { get; } =
    [
        new(State.Directory, OwnedKind.Created),
        new(Config.Directory, OwnedKind.Created),
        new(Install.Environment, OwnedKind.Created),
        new(Install.RecordDirectory, OwnedKind.Created),
        new($"{Install.LocalPrefix}/{Install.BinaryUnderPrefix}", OwnedKind.Created),
        new($"{Install.PackagePrefix}/{Install.BinaryUnderPrefix}", OwnedKind.Created),
        new($"{Install.LocalPrefix}/{Install.BashCompletionUnderPrefix}", OwnedKind.Created),
        new($"{Install.PackagePrefix}/{Install.BashCompletionUnderPrefix}", OwnedKind.Created),
        new($"{Install.LocalUnitDirectory}/{Install.UnitName}", OwnedKind.Created),
        new($"{Install.PackageUnitDirectory}/{Install.UnitName}", OwnedKind.Created),
        new($"{Install.LocalUnitDirectory}/*.wants/{Install.UnitName}", OwnedKind.Created),
        new($"{Install.LocalUnitDirectory}/bootroute-lease.*", OwnedKind.Created),
        new($"{Install.PackageUnitDirectory}/bootroute-lease.*", OwnedKind.Created),
        new($"{Install.LocalUnitDirectory}/*.wants/{Install.LeasePathName}", OwnedKind.Created),
        new(Install.DhclientExitHook, OwnedKind.Created),
        new(Install.DhclientRhelHook, OwnedKind.Created),
        new(Install.DhcpcdHook, OwnedKind.Created),
        new(Install.NetworkManagerDispatcher, OwnedKind.Created),
        new(Install.NetworkdDispatcher, OwnedKind.Created),
        new(IpRoute2.TablesFile, OwnedKind.Created),
        new(IpRoute2.ProtocolsFile, OwnedKind.Created),
        new(Stacks.NetplanFile, OwnedKind.Created),
        new($"{Stacks.NetworkdDropInDirectory}/*.network.d/{Stacks.NetworkdDropInName}", OwnedKind.Created),
        new($"{Stacks.NetworkManagerConnections}/{Stacks.NetworkManagerOwnedPrefix}*.nmconnection", OwnedKind.Created),
        new(Stacks.IfupdownStanzaFile, OwnedKind.Created),
        new(Stacks.IfupdownStanzaFile + ".cfg", OwnedKind.Created),
        new(Stacks.DhclientEnterHook, OwnedKind.Created),
        new(Stacks.DhcpcdConf, OwnedKind.MarkedBlock),
        new($"{Stacks.NetworkManagerConnections}/*.nmconnection", OwnedKind.MarkedBlock),
        new($"{Stacks.NetworkScripts}/ifcfg-*", OwnedKind.MarkedBlock),
        new($"{Stacks.NetworkScripts}/route-*", OwnedKind.MarkedBlock),
        new($"{Stacks.NetworkScripts}/rule-*", OwnedKind.MarkedBlock),
        new($"{Stacks.NetworkScripts}/route6-*", OwnedKind.MarkedBlock),
        new($"{Stacks.NetworkScripts}/rule6-*", OwnedKind.MarkedBlock),
    ];

    /// <summary>One entry of <see cref="HostOwned"/>: a path or a shell pattern, and how BootRoute writes it.</summary>
    public sealed record OwnedPath(string Pattern, OwnedKind Kind);

    public enum OwnedKind
    {
        /// <summary>BootRoute creates it and it is BootRoute's alone.</summary>
        Created,

        /// <summary>The image's file, into which BootRoute writes a marked block (creating the file when needed).</summary>
        MarkedBlock,
    }
}
