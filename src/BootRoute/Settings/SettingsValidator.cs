using System.Globalization;
using System.Net;

namespace BootRoute.Settings;

/// <summary>
/// The rules that span keys or layers, checked on the merged, bound settings, and the conversion
/// into the immutable <see cref="AgentSettings"/>. Rules about a single value were already checked per
/// layer by <see cref="SettingScalars"/>, so the parses here cannot fail.
/// </summary>
internal static class SettingsValidator
{
    /// <summary>
    /// Runs before binding: the binder would silently close gaps in list indices (an environment
    /// variable for <c>interfaces:3</c> with no <c>interfaces:2</c>), and messages would then name the
    /// wrong entry.
    /// </summary>
    /// <exception cref="ConfigurationException">The first gap.</exception>
    public static void CheckInterfaceIndices(SettingsOrigins origins)
    {
        var indices = origins.InterfaceIndices();
        for (int i = 0; i < indices.Count; i++)
        {
            if (indices[i] != i)
            {
                string key = $"{SettingsSchema.Interfaces}:{indices[i].ToString(CultureInfo.InvariantCulture)}:name";
                throw new ConfigurationException(
                    $"{origins.Where(key)}: {SettingsSchema.Interfaces}[{indices[i]}]: there is no {SettingsSchema.Interfaces}[{i}]; list entries are numbered from 0 without gaps");
            }
        }
    }

    /// <exception cref="ConfigurationException">The first broken rule, naming where the offending value was set.</exception>
    public static AgentSettings ToAgentSettings(SettingsDto dto, SettingsOrigins origins)
    {
        var defaults = AgentSettings.Defaults;
        return new AgentSettings(
            Interfaces(dto.Interfaces, origins),
            dto.Leases.DhclientDir is { } dhclient ? defaults.Leases with { DhclientDirectories = [dhclient] } : defaults.Leases,
            new RoutingSettings(
                dto.Routing.TableBase ?? defaults.Routing.TableBase,
                dto.Routing.PriorityBase ?? defaults.Routing.PriorityBase),
            new VerifySettings(
                dto.Verify.Enabled ?? defaults.Verify.Enabled,
                dto.Verify.LookupDestination is { } destination ? IPv4(destination) : defaults.Verify.LookupDestination,
                dto.Verify.Timeout is { } timeout ? Duration(timeout) : defaults.Verify.Timeout),
            defaults.Discovery);
    }

    private static List<InterfaceSelection> Interfaces(List<InterfaceDto> entries, SettingsOrigins origins)
    {
        var selections = new List<InterfaceSelection>(entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            string prefix = $"{SettingsSchema.Interfaces}:{i.ToString(CultureInfo.InvariantCulture)}";
            if (entry.Name is null)
            {
                throw Error(origins, $"{prefix}:name", "is required; every listed interface needs a name");
            }
            for (int j = 0; j < i; j++)
            {
                var earlier = selections[j];
                if (earlier.Name == entry.Name)
                {
                    throw Error(origins, $"{prefix}:name", $"{entry.Name} is already {SettingsSchema.Interfaces}[{j}]");
                }
                if (entry.Primary == true && earlier.Primary == true)
                {
                    throw Error(origins, $"{prefix}:primary", $"only one interface can be primary; {SettingsSchema.Interfaces}[{j}] ({earlier.Name}) already is");
                }
                if (entry.Table is { } table && earlier.Table == table)
                {
                    throw Error(origins, $"{prefix}:table", $"table {table} is already used by {SettingsSchema.Interfaces}[{j}] ({earlier.Name})");
                }
                if (entry.FloatingIp is { } ip && earlier.FloatingIp?.ToString() == ip)
                {
                    throw Error(origins, $"{prefix}:floating_ip", $"{ip} is already the floating IP of {SettingsSchema.Interfaces}[{j}] ({earlier.Name})");
                }
            }
            selections.Add(new InterfaceSelection(entry.Name, entry.Primary, entry.Table, entry.FloatingIp is { } floating ? IPv4(floating) : null));
        }
        return selections;
    }

    private static ConfigurationException Error(SettingsOrigins origins, string key, string problem) =>
        new($"{origins.Where(key)}: {SettingsSchema.DisplayPath(key)}: {problem}");

    private static IPAddress IPv4(string text) =>
        SettingScalars.TryParseIPv4(text, out var address) ? address : throw new InvalidOperationException($"unchecked address \"{text}\"");

    private static TimeSpan Duration(string text) =>
        SettingScalars.TryParseDuration(text, out var duration) ? duration : throw new InvalidOperationException($"unchecked duration \"{text}\"");
}
