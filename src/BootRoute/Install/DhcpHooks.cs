namespace BootRoute.Install;

/// <summary>
/// The DHCP hooks that re-run the agent when a lease changes, one per client, all sharing one shell
/// function (<see cref="Function"/>) so they behave alike (where each goes: <see cref="Paths.Install"/>):
/// - they start <c>bootroute apply --interface IF --reason R</c> in the background and return at
///   once: a hook must not hold up the DHCP client, and ISC dhclient runs its exit hooks before it
///   writes the lease file, so the agent itself waits (bounded by discovery.timeout) until the
///   interface's lease matches its address;
/// - the agent exits 0 quietly for an interface it does not manage, and runs are serialised by its
///   lock, so a burst of events at boot converges to one result;
/// - /etc/default/bootroute (<see cref="Paths.Install.Environment"/>) says which binary, which
///   extra arguments, whether hooks are on, where their output goes.
/// Sourced hooks (dhclient, dhcpcd) run everything in a subshell: they never <c>exit</c> the
/// client's script and leave none of their variables behind in it.
/// </summary>
public static class DhcpHooks
{
    private const string Header = "# BootRoute: re-applies source-based policy routing when a lease changes. Written by bootroute install; removed by uninstall.";

    /// <summary>
    /// Starts the agent for interface $1, reason $2, detached, bounded by BOOTROUTE_HOOK_TIMEOUT, with
    /// its output in BOOTROUTE_HOOK_LOG or else the journal. <c>@BIN@</c> is the installed binary.
    /// </summary>
    private const string Function = """
        bootroute_dhcp_hook() {
            (
                BOOTROUTE_BIN=@BIN@ BOOTROUTE_ARGS= BOOTROUTE_HOOKS=yes BOOTROUTE_HOOK_LOG= BOOTROUTE_HOOK_TIMEOUT=300
                if [ -r @DEFAULTS@ ]; then . @DEFAULTS@; fi
                [ "$BOOTROUTE_HOOKS" = yes ] || exit 0
                [ -n "$1" ] && [ "$1" != lo ] || exit 0
                [ -x "$BOOTROUTE_BIN" ] || exit 0
                # BOOTROUTE_ARGS is split into words on purpose: it holds options.
                set -- "$BOOTROUTE_BIN" apply --interface "$1" --reason "$2" $BOOTROUTE_ARGS
                if command -v timeout >/dev/null 2>&1; then set -- timeout "$BOOTROUTE_HOOK_TIMEOUT" "$@"; fi
                if [ -n "$BOOTROUTE_HOOK_LOG" ]; then
                    exec </dev/null >>"$BOOTROUTE_HOOK_LOG" 2>&1
                else
                    if [ -S /run/systemd/journal/stdout ] && command -v systemd-cat >/dev/null 2>&1; then
                        set -- systemd-cat --identifier=bootroute env BOOTROUTE_LOG_PRIORITIES=1 "$@"
                    fi
                    exec </dev/null >/dev/null 2>&1
                fi
                if command -v setsid >/dev/null 2>&1; then set -- setsid "$@"; fi
                "$@" &
            )
        }
        """;

    /// <summary>
    /// Sourced by dhclient-script: $reason and $interface; exit hooks run after the address is
    /// configured. dhclient -6's reasons (BOUND6 …) start a run too: a DHCPv6 address is the NIC's IPv6 side.
    /// </summary>
    public static string Dhclient(string binary) => Render(binary, """
        # Sourced by dhclient-script (Debian isc-dhcp-client) after it configured the lease (dhclient -6: reasons end in 6).
        case "$reason" in
            BOUND|RENEW|REBIND|REBOOT|BOUND6|RENEW6|REBIND6|REBOOT6) bootroute_dhcp_hook "$interface" "$reason" ;;
        esac
        """, shebang: false);

    /// <summary>
    /// Sourced by RHEL's dhclient-script, which then calls <c>bootroute_config</c> after it configured a
    /// lease (BOUND, RENEW, REBIND, REBOOT) and <c>bootroute_restore</c> when one ends; the name before
    /// .sh is the functions' prefix. A lease that ends needs no run: the next one starts it.
    /// </summary>
    public static string DhclientRhel(string binary) => Render(binary, """
        # Sourced by RHEL's dhclient-script (dhcp-client) from /etc/dhcp/dhclient.d.
        bootroute_config() { bootroute_dhcp_hook "$interface" "$reason"; }
        bootroute_restore() { :; }
        """, shebang: false);

    /// <summary>Sourced by dhcpcd-run-hooks: $reason and $interface (IPv6 reasons end in 6 and are ignored).</summary>
    public static string Dhcpcd(string binary) => Render(binary, """
        # Sourced by dhcpcd-run-hooks (dhcpcd) after each lease event.
        case "$reason" in
            BOUND|RENEW|REBIND|REBOOT) bootroute_dhcp_hook "$interface" "$reason" ;;
        esac
        """, shebang: false);

    /// <summary>Run by NetworkManager-dispatcher as <c>script IF ACTION</c>.</summary>
    public static string NetworkManager(string binary) => Render(binary, """
        # Run by NetworkManager-dispatcher with the interface and the action.
        case "$2" in
            up|dhcp4-change|dhcp6-change) bootroute_dhcp_hook "$1" "$2" ;;
        esac
        """, shebang: true);

    /// <summary>Run by networkd-dispatcher for the routable state, IFACE in the environment.</summary>
    public static string Networkd(string binary) => Render(binary, """
        # Run by networkd-dispatcher when a link becomes routable (a lease was configured).
        bootroute_dhcp_hook "$IFACE" "${STATE:-routable}"
        """, shebang: true);

    private static string Render(string binary, string trigger, bool shebang) =>
        (shebang ? "#!/bin/sh\n" : "")
        + Header + "\n\n"
        + Function.Replace("@BIN@", binary, StringComparison.Ordinal).Replace("@DEFAULTS@", Paths.Install.Environment, StringComparison.Ordinal) + "\n\n"
        + trigger + "\n";
}
