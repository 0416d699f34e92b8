using BootRoute.Settings;

namespace BootRoute.Install;

/// <summary>
/// The two files an administrator edits: the settings file (every key commented out, so a fresh
/// install runs on the built-in defaults: automatic mode) and /etc/default/bootroute, read both by
/// the units (EnvironmentFile) and by the DHCP hooks (sourced by sh), hence plain
/// <c>VAR=value</c> lines only.
/// </summary>
public static class DefaultFiles
{
    /// <summary>The settings file, generated from the schema: every key, commented out, at its default.</summary>
    public static string Settings => SettingsFileTemplate.Text;

    public static string EnvironmentFile(string binary) => $"""
        # BootRoute: read by bootroute.service and bootroute-lease.service (EnvironmentFile=) and by its DHCP hooks (sourced by sh).
        # Plain VAR=value lines only, so that both can read them.

        # Extra arguments for every run, e.g. BOOTROUTE_ARGS="--config /etc/bootroute/other.yaml".
        BOOTROUTE_ARGS=
        # The agent the DHCP hooks start (the unit names its own in ExecStart).
        BOOTROUTE_BIN={binary}
        # "no" turns every DHCP hook off (dhclient, dhcpcd, NetworkManager, networkd-dispatcher) and bootroute-lease.path's re-apply.
        BOOTROUTE_HOOKS=yes
        # Where hook-started runs write: empty for the journal (systemd-cat), or a file to append to.
        BOOTROUTE_HOOK_LOG=
        # Seconds a hook-started run may take before it is killed.
        BOOTROUTE_HOOK_TIMEOUT=300

        """;
}
