namespace BootRoute;

/// <summary>
/// Every file and directory BootRoute reads or writes by default, in one place, so a packager or a
/// test can see them all at once and nothing else hard-codes a path.
/// </summary>
internal static class Paths
{
    /// <summary>The main settings file, used when no <c>--config</c> is given.</summary>
    public const string ConfigFile = "/etc/bootroute/bootroute.yaml";

    /// <summary>Drop-in folder beside whichever settings file is used; its <c>*.yaml</c> files are read in name order.</summary>
    public const string ConfigDropInDirectoryName = "conf.d";

    /// <summary>Where Debian's and Ubuntu's ifupdown tell dhclient to keep <c>dhclient.&lt;if&gt;.leases</c>.</summary>
    public const string DhclientLeaseDirectory = "/var/lib/dhcp";

    /// <summary>Where RHEL's initscripts and NetworkManager's dhclient plugin keep <c>dhclient-*.lease(s)</c>.</summary>
    public const string RhelDhclientLeaseDirectory = "/var/lib/dhclient";

    /// <summary>Where NetworkManager's dhclient plugin keeps <c>dhclient-&lt;uuid&gt;-&lt;if&gt;.lease</c>.</summary>
    public const string NetworkManagerLeaseDirectory = "/var/lib/NetworkManager";

    /// <summary>dhcpcd's DBDIR: <c>&lt;if&gt;.lease</c> holds the raw DHCP message it was given.</summary>
    public const string DhcpcdLeaseDirectory = "/var/lib/dhcpcd";

    /// <summary>systemd-networkd's leases, one file per ifindex.</summary>
    public const string NetworkdLeaseDirectory = "/run/systemd/netif/leases";

    /// <summary>NetworkManager ≥ 1.40's per-device state, one file per ifindex with a <c>[dhcp4]</c> section.</summary>
    public const string NetworkManagerDeviceDirectory = "/run/NetworkManager/devices";

    /// <summary>state.json and the lock file (state.directory).</summary>
    public const string StateDirectory = "/run/bootroute";

    /// <summary>What apply changed that remove must restore; inside state.directory.</summary>
    public const string StateFileName = "state.json";

    /// <summary>The report of the last apply, verify or remove, as --json prints it; inside state.directory.</summary>
    public const string StatusFileName = "status.json";

    /// <summary>flock(2)ed by apply and remove; inside state.directory.</summary>
    public const string LockFileName = "lock";

    /// <summary>procfs root of the network sysctls (per network namespace).</summary>
    public const string SysctlRoot = "/proc/sys";

    /// <summary>The OpenStack config drive's file system label.</summary>
    public const string ConfigDriveLabel = "config-2";

    /// <summary>network_data.json inside the config drive or a metadata directory.</summary>
    public const string OpenStackNetworkData = "openstack/latest/network_data.json";
}
