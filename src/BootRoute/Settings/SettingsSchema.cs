using BootRoute.Model;

namespace BootRoute.Settings;

/// <summary>
/// Every key the settings know, each declared once with its kind, built-in default and a line of
/// documentation. The YAML reader and the environment/command-line reader check against this before
/// anything is bound, so a typo is reported where it was made instead of being silently ignored by
/// the binder; <see cref="BuiltInDefaults"/> turns the defaults into the lowest configuration layer.
/// Key order here is the order of messages ("verify has enabled, lookup_destination, …") and of the
/// installed settings file.
/// </summary>
internal static partial class SettingsSchema
{
    public const string Interfaces = "interfaces";

    /// <summary>The one nested mapping of an interface entry: <c>match: {mac: …}</c>, for images whose NIC names differ.</summary>
    public const string Match = "match";

    /// <summary>At most this many interfaces: one rule priority each above <c>priority_base</c>.</summary>
    public const int MaxInterfaces = 256;

    /// <summary>
    /// Where dhclient's leases are looked for while <c>leases.dhclient_dir</c> is not set: Debian's
    /// directory, RHEL initscripts', and NetworkManager's dhclient plugin's. Setting the key names one.
    /// </summary>
    public static readonly IReadOnlyList<string> DhclientDirectories =
        [Paths.Leases.DhclientDirectory, Paths.Leases.RhelDhclientDirectory, Paths.Leases.NetworkManagerDirectory];

    /// <summary>Keys of one <c>interfaces:</c> entry. None has a default: an entry says what it means.</summary>
    public static readonly IReadOnlyList<SettingKey> InterfaceEntry =
    [
        Optional("name", SettingKind.InterfaceName, "the NIC by name", unset: "(one of name or `match.mac` required)"),
        Optional("primary", SettingKind.Bool, "keeps the main table's default route"),
        Optional("primary_ipv6", SettingKind.Bool, "keeps the main table's IPv6 default, when not the primary", unset: "not set (the IPv4 primary)"),
        Optional("table", SettingKind.TableId, "this NIC's table id", unset: "`routing.table_base + n`"),
        Optional("floating_ip", SettingKind.FloatingIp, "public address NATed to this NIC, or auto"),
        Optional("gateway", SettingKind.IPv4, "overrides the lease's router", unset: "the lease's router"),
        Optional("address", SettingKind.IPv4, "this NIC's address where no lease source knows it", unset: "the lease's address"),
    ];

    /// <summary>Keys of an interface's <c>match:</c>.</summary>
    public static readonly IReadOnlyList<SettingKey> MatchEntry =
    [
        Optional("mac", SettingKind.MacAddress, "the NIC by MAC address, instead of name"),
    ];

    /// <summary>The keys of the mapping sections, section by section.</summary>
    public static readonly IReadOnlyList<SettingKey> Keys =
    [
        List("leases.sources", SettingKind.LeaseSource, LeaseSourceNames.All, "where leases are looked for, in order"),
        Optional("leases.dhclient_dir", SettingKind.AbsolutePath, $"dhclient's leases; unset: {string.Join(" ", DhclientDirectories)}",
            unset: $"{string.Join(", ", DhclientDirectories.Select(d => $"`{d}`"))} (all three)"),
        Key("leases.dhcpcd_dir", SettingKind.AbsolutePath, Paths.Leases.DhcpcdDirectory, "dhcpcd's <if>.lease files"),
        Key("leases.networkd_dir", SettingKind.AbsolutePath, Paths.Leases.NetworkdDirectory, "systemd-networkd's leases"),
        Key("leases.networkmanager_dir", SettingKind.AbsolutePath, Paths.Leases.NetworkManagerDeviceDirectory, "NetworkManager's device state"),
        Optional("leases.openstack_dir", SettingKind.AbsolutePath, "holds openstack/latest/network_data.json; unset: the config drive"),
        Key("routing.table_base", SettingKind.TableBase, "100", "NIC n gets table table_base+n"),
        Key("routing.priority_base", SettingKind.PriorityBase, "100", "and rule priority priority_base+n"),
        Key("routing.ipv6", SettingKind.IPv6Mode, "auto", "or off: leave IPv6 alone"),
        Key("verify.enabled", SettingKind.Bool, "true", "run the checks after apply"),
        Key("verify.lookup_destination", SettingKind.IPv4, "192.0.2.1", "destination of the route lookups"),
        Key("verify.timeout", SettingKind.Duration, "2s", "time limit of each probe"),
        Key("verify.rollback", SettingKind.Bool, "true", "undo an apply that broke the primary's path"),
        List("verify.targets", SettingKind.ProbeTarget, [], "ADDRESS (ICMP) or ADDRESS:PORT (TCP) to probe"),
        Optional("verify.echo_url", SettingKind.HttpUrl, "http:// \"what is my IP\" service for floating_ip: auto"),
        Key("discovery.timeout", SettingKind.WaitTimeout, "60s", "how long apply waits for configured NICs' leases"),
        Key("state.directory", SettingKind.AbsolutePath, Paths.State.Directory, "state.json and the lock"),
        Key("state.lock_timeout", SettingKind.WaitTimeout, "30s", "how long a run waits for another's lock"),
        Key("sysctl.rp_filter", SettingKind.RpFilterPolicy, "keep", "or loose: rp_filter=2 on managed NICs"),
        Key("sysctl.arp_flux", SettingKind.Bool, "false", "true: each NIC answers ARP only for its own addresses"),
        Key("persist.backend", SettingKind.PersistBackend, PersistBackendNames.All[0], $"or {string.Join(", ", PersistBackendNames.All.Skip(1))}"),
        Key("persist.root", SettingKind.AbsolutePath, "/", "the tree the network stack's files are written under"),
        Optional("metrics.textfile", SettingKind.TextfilePath, "node_exporter textfile (*.prom) written after every run"),
    ];

    /// <summary>The mapping sections and their keys' kinds; <see cref="Interfaces"/> is the one list of mappings.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, SettingKind>> Sections = Keys
        .GroupBy(key => key.Section)
        .ToDictionary(
            section => section.Key,
            section => (IReadOnlyDictionary<string, SettingKind>)section.ToDictionary(key => key.Name, key => key.Kind, StringComparer.Ordinal),
            StringComparer.Ordinal);

    /// <summary>Kinds of an interface entry's keys, by name.</summary>
    public static readonly IReadOnlyDictionary<string, SettingKind> InterfaceKeys =
        InterfaceEntry.ToDictionary(key => key.Path, key => key.Kind, StringComparer.Ordinal);

    /// <summary>Kinds of an interface's <c>match:</c> keys, by name.</summary>
    public static readonly IReadOnlyDictionary<string, SettingKind> MatchKeys =
        MatchEntry.ToDictionary(key => key.Path, key => key.Kind, StringComparer.Ordinal);

    /// <summary>
    /// Section keys (configuration-key form) that hold a list of values rather than one value:
    /// YAML sequences, set one entry at a time (<c>leases:sources:0</c>) from the environment and
    /// the command line. Their <see cref="Sections"/> kind is the kind of each entry.
    /// </summary>
    public static readonly IReadOnlySet<string> ListKeys = Keys.Where(key => key.IsList).Select(key => key.ConfigKey).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every list a settings file can state in full, replacing what earlier files said.</summary>
    public static IEnumerable<string> AllLists => ListKeys.Prepend(Interfaces);

    private static SettingKey Key(string path, SettingKind kind, string value, string doc) => new(path, kind, [value], doc);

    private static SettingKey Optional(string path, SettingKind kind, string doc, string unset = "not set") =>
        new(path, kind, [], doc) { Unset = unset };

    private static SettingKey List(string path, SettingKind kind, IReadOnlyList<string> entries, string doc) =>
        new(path, kind, entries, doc) { IsList = true, Unset = "empty" };
}
