using System.Net.NetworkInformation;
using System.Net;
using BootRoute.Model;

namespace BootRoute.Settings;

/// <summary>
/// The validated, immutable settings of one run: built-in defaults, then the YAML file(s), then
/// BOOTROUTE_* environment variables, then command-line flags. See docs/configuration.md.
/// </summary>
public sealed record AgentSettings(
    IReadOnlyList<InterfaceSelection> Interfaces,
    LeaseSettings Leases,
    RoutingSettings Routing,
    VerifySettings Verify,
    DiscoverySettings Discovery)
{
    /// <summary><c>state:</c> where the state file and the lock live.</summary>
    public required StateSettings State { get; init; }

    /// <summary><c>sysctl:</c> host settings multihoming needs, changed only when asked.</summary>
    public required SysctlSettings Sysctl { get; init; }

    /// <summary><c>persist:</c> which network stack's own files keep the result across its reconfigurations, and under which root.</summary>
    public required PersistSettings Persist { get; init; }

    /// <summary><c>metrics:</c> the Prometheus textfile written after every run; off unless set.</summary>
    public MetricsSettings Metrics { get; init; } = MetricsSettings.Off;

    /// <summary>No interfaces listed: manage every NIC that has a DHCP lease and an IPv4 address.</summary>
    public bool IsAutomatic => Interfaces.Count == 0;

    /// <summary>
    /// The settings of a host with no settings file, environment or flags: the defaults declared in
    /// <see cref="SettingsSchema"/>, loaded like any other layer. For tests and callers that start
    /// from the defaults and change a part with <c>with</c>.
    /// </summary>
    public static AgentSettings Defaults { get; } = SettingsLoader.BuiltIn();
}

/// <summary>
/// One entry of <c>interfaces:</c>: a NIC chosen by <see cref="Name"/> or, since NIC names differ
/// between images, by <see cref="Mac"/> (<c>match: {mac: …}</c>); exactly one of the two is set.
/// Everything else is optional.
/// </summary>
public sealed record InterfaceSelection(string? Name, bool? Primary, uint? Table, IPAddress? FloatingIp, PhysicalAddress? Mac = null)
{
    /// <summary><c>floating_ip: auto</c>: learn the floating IP from <c>verify.echo_url</c> after apply.</summary>
    public bool DiscoverFloatingIp { get; init; }

    /// <summary>
    /// <c>gateway:</c> overrides the lease's router, for leases without one or providers whose
    /// router option is wrong.
    /// </summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>
    /// <c>address:</c> the NIC's address for a NIC no lease source knows (static addressing the
    /// kernel shows without a default route through it): with <see cref="Gateway"/> it stands in
    /// for the lease. The address must be on the NIC; a lease read for the NIC is not used.
    /// </summary>
    public IPAddress? Address { get; init; }

    /// <summary>
    /// <c>primary_ipv6:</c> the NIC that keeps the main table's IPv6 default when it is not the
    /// IPv4 primary's. Unset everywhere, IPv6's primary follows <see cref="Primary"/>.
    /// </summary>
    public bool? PrimaryIPv6 { get; init; }

    /// <summary>How a lease made of <see cref="Address"/> names its origin in reports.</summary>
    public const string ConfiguredAddressOrigin = "interfaces[].address";

    /// <summary>
    /// The leases with <see cref="Address"/> standing in for the NIC's own: the operator's word on a
    /// NIC no lease source knows comes first. Readiness and planning both ask through this, so apply
    /// does not wait for a lease the configuration already gives.
    /// </summary>
    public IReadOnlyList<Lease> LeasesFor(Link link, IReadOnlyList<Lease> leases) =>
        Address is { } address
            ? [new Lease(link.Name, address, null, Gateway, [], ConfiguredAddressOrigin), .. leases]
            : leases;

    /// <summary>How the entry names its NIC in messages: "ens4" or "mac fa:16:3e:00:00:04".</summary>
    public string Label => Name ?? $"mac {MacAddresses.Format(Mac)}";
}

/// <summary>
/// <c>metrics:</c> <see cref="Textfile"/> is where node_exporter's textfile collector reads the last
/// run's metrics (a *.prom file); null: none is written.
/// </summary>
public sealed record MetricsSettings(string? Textfile)
{
    public static MetricsSettings Off { get; } = new((string?)null);
}

/// <summary><c>discovery:</c> how long to wait for configured NICs to appear and get their leases.</summary>
public sealed record DiscoverySettings(TimeSpan Timeout);

/// <summary>
/// <c>routing:</c> the id and priority ranges BootRoute uses. The n-th managed interface (natural
/// name order, 1-based) gets table <c>TableBase + n</c> and rule priority <c>PriorityBase + n</c>; the
/// <c>lookup main suppress_prefixlength 0</c> rule sits at <c>PriorityBase</c> itself, in each family.
/// <see cref="IPv6"/> (<c>routing.ipv6: auto</c>) manages IPv6 too, on every managed NIC with a global
/// IPv6 address and a router; <c>off</c> leaves IPv6 as it is.
/// </summary>
public sealed record RoutingSettings(uint TableBase, uint PriorityBase, bool IPv6 = true);

/// <summary>
/// <c>verify:</c> the checks run after apply. <see cref="Timeout"/> bounds each probe, retries
/// included. <see cref="Rollback"/> undoes an apply that broke the primary NIC's path;
/// <see cref="Targets"/> are hosts every managed address probes; <see cref="EchoUrl"/> is the
/// "what is my IP" service that <c>floating_ip: auto</c> asks.
/// </summary>
public sealed record VerifySettings(bool Enabled, IPAddress LookupDestination, TimeSpan Timeout)
{
    // Loaded settings always set Rollback from the schema; this initial value is for records built
    // by hand and matches the schema's default (SettingsSchemaTests pins that).
    public bool Rollback { get; init; } = true;

    public IReadOnlyList<ProbeTarget> Targets { get; init; } = [];

    public Uri? EchoUrl { get; init; }

    // Records compare lists by reference; settings loaded twice from the same text must be equal.
    public bool Equals(VerifySettings? other) =>
        other is not null && Enabled == other.Enabled && LookupDestination.Equals(other.LookupDestination) && Timeout == other.Timeout
        && Rollback == other.Rollback && Targets.SequenceEqual(other.Targets) && Equals(EchoUrl, other.EchoUrl);

    public override int GetHashCode() => HashCode.Combine(Enabled, LookupDestination, Timeout, Rollback, Targets.Count, EchoUrl);
}

/// <summary>
/// <c>state:</c> the directory holding <c>state.json</c> (what apply changed that is not tagged as
/// BootRoute's, so remove can restore it) and <c>lock</c> (serialises runs), and how long a run waits
/// for the lock.
/// </summary>
public sealed record StateSettings(string Directory, TimeSpan LockTimeout);

/// <summary>
/// <c>sysctl:</c> <see cref="LooseReversePathFilter"/> sets rp_filter=2 on managed NICs;
/// <see cref="ArpFlux"/> sets arp_filter=1, arp_ignore=1, arp_announce=2 so each address is answered
/// only by its own NIC when several NICs share a subnet.
/// </summary>
public sealed record SysctlSettings(bool LooseReversePathFilter, bool ArpFlux);
