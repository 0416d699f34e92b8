namespace BootRoute.Install;

/// <summary>
/// The two files an administrator edits: the settings file (every key commented out, so a fresh
/// install runs on the built-in defaults: automatic mode) and /etc/default/bootroute, read both by
/// bootroute.service (EnvironmentFile) and by the DHCP hooks (sourced by sh), hence plain
/// <c>VAR=value</c> lines only.
/// </summary>
public static class DefaultFiles
{
    public const string Settings = """
        # BootRoute settings. Every key is optional: with none, every NIC that has a DHCP lease is
        # managed (automatic mode). Reference: /usr/share/doc/bootroute or docs/configuration.md.
        # Drop-ins: /etc/bootroute/conf.d/*.yaml, read in name order after this file. Lines that
        # start with '#' and no space (or two) are settings: remove the '#' to use one.
        #
        #interfaces:                  # list NICs to manage only those (and wait for them at boot)
        #  - name: ens3
        #    primary: true            # keeps the main table's default route
        #  - match: {mac: fa:16:3e:00:00:04}
        #    floating_ip: 203.0.113.10
        #leases:
        #  sources: [dhclient, dhcpcd, networkd, networkmanager, openstack, kernel]
        #routing:
        #  table_base: 100            # NIC n gets table 100+n
        #  priority_base: 100         # and rule priority 100+n
        #verify:
        #  enabled: true
        #  timeout: 2s
        #discovery:
        #  timeout: 60s               # how long apply waits for configured NICs' leases
        #state:
        #  lock_timeout: 30s
        #sysctl:
        #  rp_filter: keep            # or loose
        #  arp_flux: false

        """;

    public static string EnvironmentFile(string binary) => $"""
        # BootRoute: read by bootroute.service (EnvironmentFile=) and by its DHCP hooks (sourced by sh).
        # Plain VAR=value lines only, so that both can read them.

        # Extra arguments for every run, e.g. BOOTROUTE_ARGS="--config /etc/bootroute/other.yaml".
        BOOTROUTE_ARGS=
        # The agent the DHCP hooks start (the unit names its own in ExecStart).
        BOOTROUTE_BIN={binary}
        # "no" turns every DHCP hook off (dhclient, dhcpcd, NetworkManager, networkd-dispatcher).
        BOOTROUTE_HOOKS=yes
        # Where hook-started runs write: empty for the journal (systemd-cat), or a file to append to.
        BOOTROUTE_HOOK_LOG=
        # Seconds a hook-started run may take before it is killed.
        BOOTROUTE_HOOK_TIMEOUT=300

        """;
}
