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
}
