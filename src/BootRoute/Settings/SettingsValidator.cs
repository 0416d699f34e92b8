using System.Globalization;
using System.Net.NetworkInformation;
using System.Net;
using BootRoute.Model;

namespace BootRoute.Settings;

/// <summary>
/// The rules that span keys or layers, checked on the merged, bound settings, and the conversion
/// into the immutable <see cref="AgentSettings"/>. Rules about a single value were already checked per
/// layer by <see cref="SettingScalars"/>, so the parses here cannot fail; and every key with a default
/// arrives bound (<see cref="BuiltInDefaults"/> is the lowest layer), so nothing here falls back to one.
/// </summary>
internal static class SettingsValidator
{
    /// <summary>
    /// Runs before binding: the binder would silently close gaps in list indices (an environment
    /// variable for <c>interfaces:3</c> with no <c>interfaces:2</c>), and messages would then name the
    /// wrong entry.
    /// </summary>
    /// <exception cref="ConfigurationException">The first gap.</exception>
    public static void CheckListIndices(SettingsOrigins origins)
    {
        foreach (string list in SettingsSchema.AllLists)
        {
            var indices = origins.ListIndices(list);
            for (int i = 0; i < indices.Count; i++)
            {
                if (indices[i] != i)
                {
                    string entry = $"{list}:{indices[i].ToString(CultureInfo.InvariantCulture)}";
                    string key = list == SettingsSchema.Interfaces ? $"{entry}:name" : entry;
                    string display = SettingsSchema.DisplayPath(list);
                    throw new ConfigurationException(
                        $"{origins.Where(key)}: {SettingsSchema.DisplayPath(entry)}: there is no {display}[{i}]; list entries are numbered from 0 without gaps");
                }
            }
        }
    }

    /// <exception cref="ConfigurationException">The first broken rule, naming where the offending value was set.</exception>
    public static AgentSettings ToAgentSettings(SettingsDto dto, SettingsOrigins origins) =>
        new(
            Interfaces(dto.Interfaces, origins, ipv6: dto.Routing.IPv6 != "off"),
            Leases(dto.Leases, origins),
            new RoutingSettings(dto.Routing.TableBase, dto.Routing.PriorityBase, IPv6: dto.Routing.IPv6 != "off"),
            Verify(dto, origins),
            new DiscoverySettings(Duration(dto.Discovery.Timeout)))
        {
            State = new StateSettings(dto.State.Directory, Duration(dto.State.LockTimeout)),
            Sysctl = new SysctlSettings(LooseReversePathFilter: dto.Sysctl.RpFilter == "loose", dto.Sysctl.ArpFlux),
            Persist = new PersistSettings(Backend(dto.Persist.Backend), dto.Persist.Root),
            Metrics = new MetricsSettings(string.IsNullOrEmpty(dto.Metrics.Textfile) ? null : dto.Metrics.Textfile),
        };

    private static VerifySettings Verify(SettingsDto dto, SettingsOrigins origins)
    {
        var verify = dto.Verify;
        var targets = new List<ProbeTarget>();
        for (int i = 0; i < verify.Targets.Count; i++)
        {
            // An entry reset with an empty value drops out, as in leases.sources.
            if (string.IsNullOrEmpty(verify.Targets[i]))
            {
                continue;
            }
            var target = ProbeTarget.TryParse(verify.Targets[i]!, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"unchecked probe target \"{verify.Targets[i]}\"");
            if (targets.Contains(target))
            {
                throw Error(origins, $"verify:targets:{i.ToString(CultureInfo.InvariantCulture)}", $"{target} is listed twice; list each target once");
            }
            targets.Add(target);
        }
        var echoUrl = verify.EchoUrl is { Length: > 0 } url ? new Uri(url) : null;
        for (int i = 0; i < dto.Interfaces.Count; i++)
        {
            if (dto.Interfaces[i].FloatingIp == SettingScalars.AutoFloatingIp && echoUrl is null)
            {
                throw Error(origins, $"{SettingsSchema.Interfaces}:{i.ToString(CultureInfo.InvariantCulture)}:floating_ip",
                    "auto needs verify.echo_url, the service that tells each address its floating IP");
            }
        }
        return new VerifySettings(verify.Enabled, IPv4(verify.LookupDestination), Duration(verify.Timeout))
        {
            Rollback = verify.Rollback,
            Targets = targets,
            EchoUrl = echoUrl,
        };
    }

    /// <summary>
    /// An unset <c>dhclient_dir</c> is not a missing default: it means "look in every directory
    /// some packaging of dhclient uses", which one key value cannot say.
    /// </summary>
    private static LeaseSettings Leases(LeasesDto dto, SettingsOrigins origins) =>
        new(
            Sources(dto.Sources, origins),
            dto.DhclientDir is { } dhclient ? [dhclient] : SettingsSchema.DhclientDirectories,
            dto.DhcpcdDir,
            dto.NetworkdDir,
            dto.NetworkManagerDir,
            dto.OpenStackDir);

    private static List<string> Sources(List<string?> entries, SettingsOrigins origins)
    {
        var sources = new List<string>(entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            // An entry reset with an empty value binds as null or ""; it drops out of the list. The
            // index in messages stays the configured one, so it matches the variable or flag.
            if (entries[i] is not { Length: > 0 } source)
            {
                continue;
            }
            int earlier = entries.IndexOf(source);
            if (earlier < i)
            {
                throw Error(origins, $"leases:sources:{i.ToString(CultureInfo.InvariantCulture)}", $"{source} is already leases.sources[{earlier}]; list each source once");
            }
            sources.Add(source);
        }
        return sources;
    }

    private static List<InterfaceSelection> Interfaces(List<InterfaceDto> entries, SettingsOrigins origins, bool ipv6)
    {
        var selections = new List<InterfaceSelection>(entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            string prefix = $"{SettingsSchema.Interfaces}:{i.ToString(CultureInfo.InvariantCulture)}";
            if (entry.PrimaryIPv6 == true && !ipv6)
            {
                throw Error(origins, $"{prefix}:primary_ipv6", "routing.ipv6 is off, so there is no IPv6 primary to choose");
            }
            PhysicalAddress? mac = entry.Match.Mac is { } macText ? Mac(macText) : null;
            if (entry.Name is null && mac is null)
            {
                throw Error(origins, $"{prefix}:name", "is required; every listed interface needs a name or match.mac");
            }
            if (entry.Name is not null && mac is not null)
            {
                throw Error(origins, $"{prefix}:match:mac", $"set either name ({entry.Name}) or match.mac, not both");
            }
            bool discover = entry.FloatingIp == SettingScalars.AutoFloatingIp;
            var selection = new InterfaceSelection(
                entry.Name, entry.Primary, entry.Table, entry.FloatingIp is { } floating && !discover ? IPv4(floating) : null, mac)
            {
                DiscoverFloatingIp = discover,
                Gateway = entry.Gateway is { } gateway ? IPv4(gateway) : null,
                Address = entry.Address is { } address ? IPv4(address) : null,
                PrimaryIPv6 = entry.PrimaryIPv6,
            };
            Unique(entry, selection, selections, prefix, origins);
            selections.Add(selection);
        }
        return selections;
    }

    /// <summary>Names, MACs, tables and floating IPs are unique, and at most one entry is primary per family.</summary>
    private static void Unique(
        InterfaceDto entry, InterfaceSelection selection, List<InterfaceSelection> earlierSelections, string prefix, SettingsOrigins origins)
    {
        for (int j = 0; j < earlierSelections.Count; j++)
        {
            var earlier = earlierSelections[j];
            string already = $"{SettingsSchema.Interfaces}[{j}]";
            if (entry.Name is not null && earlier.Name == entry.Name)
            {
                throw Error(origins, $"{prefix}:name", $"{entry.Name} is already {already}");
            }
            if (selection.Mac is { } mac && mac.Equals(earlier.Mac))
            {
                throw Error(origins, $"{prefix}:match:mac", $"{selection.Label} is already {already}");
            }
            if (entry.Primary == true && earlier.Primary == true)
            {
                throw Error(origins, $"{prefix}:primary", $"only one interface can be primary; {already} ({earlier.Label}) already is");
            }
            if (entry.PrimaryIPv6 == true && earlier.PrimaryIPv6 == true)
            {
                throw Error(origins, $"{prefix}:primary_ipv6", $"only one interface can be the IPv6 primary; {already} ({earlier.Label}) already is");
            }
            if (entry.Table is { } table && earlier.Table == table)
            {
                throw Error(origins, $"{prefix}:table", $"table {table} is already used by {already} ({earlier.Label})");
            }
            if (entry.FloatingIp is { } ip && !selection.DiscoverFloatingIp && earlier.FloatingIp?.ToString() == ip)
            {
                throw Error(origins, $"{prefix}:floating_ip", $"{ip} is already the floating IP of {already} ({earlier.Label})");
            }
        }
    }

    private static ConfigurationException Error(SettingsOrigins origins, string key, string problem) =>
        new($"{origins.Where(key)}: {SettingsSchema.DisplayPath(key)}: {problem}");

    private static IPAddress IPv4(string text) =>
        StrictParse.TryParseIPv4(text, out var address) ? address : throw new InvalidOperationException($"unchecked address \"{text}\"");

    private static PhysicalAddress Mac(string text) =>
        MacAddresses.TryParse(text, out var mac) ? mac : throw new InvalidOperationException($"unchecked MAC address \"{text}\"");

    private static PersistBackend Backend(string text) =>
        PersistBackendNames.TryParse(text, out var backend) ? backend : throw new InvalidOperationException($"unchecked persist backend \"{text}\"");

    private static TimeSpan Duration(string text) =>
        SettingScalars.TryParseDuration(text, out var duration) ? duration : throw new InvalidOperationException($"unchecked duration \"{text}\"");
}
