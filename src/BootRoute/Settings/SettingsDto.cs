using Microsoft.Extensions.Configuration;

namespace BootRoute.Settings;

// The binding targets. Mutable classes because that is what the configuration-binding source
// generator fills without reflection. A key with a built-in default is always bound, since the
// defaults are the lowest configuration layer (BuiltInDefaults), so its property is not nullable;
// the nullable ones are keys without a default, where "not set" means something. Binding runs with
// ErrorOnUnknownConfiguration, so a schema key without a property here fails every load.
// Addresses and durations stay strings here: the binder cannot parse "2s" or IPAddress, and the
// values were already checked by SettingScalars before binding.

/// <summary>The whole settings tree as bound from configuration.</summary>
internal sealed class SettingsDto
{
    public List<InterfaceDto> Interfaces { get; set; } = [];

    public LeasesDto Leases { get; set; } = new();

    public RoutingDto Routing { get; set; } = new();

    public VerifyDto Verify { get; set; } = new();

    public DiscoveryDto Discovery { get; set; } = new();

    public StateDto State { get; set; } = new();

    public SysctlDto Sysctl { get; set; } = new();

    public PersistDto Persist { get; set; } = new();

    public MetricsDto Metrics { get; set; } = new();
}

/// <summary>One <c>interfaces:</c> entry.</summary>
internal sealed class InterfaceDto
{
    public string? Name { get; set; }

    public bool? Primary { get; set; }

    [ConfigurationKeyName("primary_ipv6")]
    public bool? PrimaryIPv6 { get; set; }

    public uint? Table { get; set; }

    [ConfigurationKeyName("floating_ip")]
    public string? FloatingIp { get; set; }

    public string? Gateway { get; set; }

    public string? Address { get; set; }

    public MatchDto Match { get; set; } = new();
}

/// <summary>An interface's <c>match:</c>.</summary>
internal sealed class MatchDto
{
    public string? Mac { get; set; }
}

/// <summary><c>leases:</c></summary>
internal sealed class LeasesDto
{
    /// <summary>An emptied entry binds as null or "" and drops out.</summary>
    public List<string?> Sources { get; set; } = [];

    [ConfigurationKeyName("dhclient_dir")]
    public string? DhclientDir { get; set; }

    [ConfigurationKeyName("dhcpcd_dir")]
    public string DhcpcdDir { get; set; } = "";

    [ConfigurationKeyName("networkd_dir")]
    public string NetworkdDir { get; set; } = "";

    [ConfigurationKeyName("networkmanager_dir")]
    public string NetworkManagerDir { get; set; } = "";

    [ConfigurationKeyName("openstack_dir")]
    public string? OpenStackDir { get; set; }
}

/// <summary><c>state:</c></summary>
internal sealed class StateDto
{
    public string Directory { get; set; } = "";

    [ConfigurationKeyName("lock_timeout")]
    public string LockTimeout { get; set; } = "";
}

/// <summary><c>sysctl:</c></summary>
internal sealed class SysctlDto
{
    [ConfigurationKeyName("rp_filter")]
    public string RpFilter { get; set; } = "";

    [ConfigurationKeyName("arp_flux")]
    public bool ArpFlux { get; set; }
}

/// <summary><c>persist:</c></summary>
internal sealed class PersistDto
{
    public string Backend { get; set; } = "";

    public string Root { get; set; } = "";
}

/// <summary><c>metrics:</c></summary>
internal sealed class MetricsDto
{
    public string? Textfile { get; set; }
}

/// <summary><c>discovery:</c></summary>
internal sealed class DiscoveryDto
{
    public string Timeout { get; set; } = "";
}

/// <summary><c>routing:</c></summary>
internal sealed class RoutingDto
{
    [ConfigurationKeyName("table_base")]
    public uint TableBase { get; set; }

    [ConfigurationKeyName("priority_base")]
    public uint PriorityBase { get; set; }

    [ConfigurationKeyName("ipv6")]
    public string IPv6 { get; set; } = "";
}

/// <summary><c>verify:</c></summary>
internal sealed class VerifyDto
{
    public bool Enabled { get; set; }

    [ConfigurationKeyName("lookup_destination")]
    public string LookupDestination { get; set; } = "";

    public string Timeout { get; set; } = "";

    public bool Rollback { get; set; }

    /// <summary>An emptied entry binds as null or "" and drops out.</summary>
    public List<string?> Targets { get; set; } = [];

    [ConfigurationKeyName("echo_url")]
    public string? EchoUrl { get; set; }
}
