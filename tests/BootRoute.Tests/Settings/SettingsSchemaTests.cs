using System.Net;
using BootRoute.Install;
using BootRoute.Model;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Settings;

/// <summary>
/// Every key is declared once, in <see cref="SettingsSchema"/>; these pin what derives from it
/// (the defaults layer, the installed settings file, the key table of docs/configuration.md).
/// </summary>
public sealed class SettingsSchemaTests
{
    private static readonly Dictionary<string, string?> NoFlags = [];
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void Every_default_passes_the_rule_of_its_kind()
    {
        foreach (var key in SettingsSchema.Keys)
        {
            foreach (string value in key.Default)
            {
                Assert.True(SettingScalars.Check(key.Kind, value) is null, $"{key.Path}: {SettingScalars.Check(key.Kind, value)}");
            }
            Assert.True(key.IsList || key.Default.Count <= 1, key.Path);
        }
    }

    [Fact]
    public void Built_in_defaults_are_the_documented_values()
    {
        var settings = AgentSettings.Defaults;

        Assert.True(settings.IsAutomatic);
        Assert.Equal(LeaseSourceNames.All, settings.Leases.Sources);
        Assert.Equal(["/var/lib/dhcp", "/var/lib/dhclient", "/var/lib/NetworkManager"], settings.Leases.DhclientDirectories);
        Assert.Equal("/var/lib/dhcpcd", settings.Leases.DhcpcdDirectory);
        Assert.Equal("/run/systemd/netif/leases", settings.Leases.NetworkdDirectory);
        Assert.Equal("/run/NetworkManager/devices", settings.Leases.NetworkManagerDirectory);
        Assert.Null(settings.Leases.OpenStackDirectory);
        Assert.Equal(new RoutingSettings(100, 100), settings.Routing);
        // Built by hand, VerifySettings starts with Rollback true and no targets: the schema's defaults.
        Assert.Equal(new VerifySettings(true, IPAddress.Parse("192.0.2.1"), TimeSpan.FromSeconds(2)), settings.Verify);
        Assert.True(settings.Verify.Rollback);
        Assert.Empty(settings.Verify.Targets);
        Assert.Null(settings.Verify.EchoUrl);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.Discovery.Timeout);
        Assert.Equal(new StateSettings("/run/bootroute", TimeSpan.FromSeconds(30)), settings.State);
        Assert.Equal(new SysctlSettings(LooseReversePathFilter: false, ArpFlux: false), settings.Sysctl);
        Assert.Equal(new PersistSettings(PersistBackend.Auto, "/"), settings.Persist);
    }

    [Fact]
    public void An_emptied_variable_resets_a_key_a_file_set_to_its_default()
    {
        string directory = Directory.CreateTempSubdirectory("brset-schema-").FullName;
        try
        {
            string path = Path.Combine(directory, "bootroute.yaml");
            File.WriteAllText(path, "state:\n  lock_timeout: 5s\nsysctl:\n  arp_flux: true\nrouting:\n  table_base: 300\n");
            var settings = SettingsLoader.Load(path, new Dictionary<string, string?> { ["routing.table_base"] = "" },
                new Dictionary<string, string> { ["BOOTROUTE_STATE__LOCK_TIMEOUT"] = "", ["BOOTROUTE_SYSCTL__ARP_FLUX"] = "" });

            Assert.Equal(AgentSettings.Defaults.State, settings.State);
            Assert.Equal(AgentSettings.Defaults.Sysctl, settings.Sysctl);
            Assert.Equal(AgentSettings.Defaults.Routing, settings.Routing);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Installed_settings_file_shows_every_key_at_its_default_and_uncommented_loads_as_the_defaults()
    {
        string[] lines = DefaultFiles.Settings.Split('\n');
        foreach (var key in SettingsSchema.Keys)
        {
            int section = Array.IndexOf(lines, $"#{key.Section}:");
            Assert.True(section >= 0, key.Section);
            Assert.Contains(lines.Skip(section), line => line.StartsWith($"#  {key.Name}: {key.YamlDefault}".TrimEnd(), StringComparison.Ordinal));
        }

        string directory = Directory.CreateTempSubdirectory("brset-schema-").FullName;
        try
        {
            string path = Path.Combine(directory, "bootroute.yaml");
            File.WriteAllText(path, string.Join('\n', lines
                .Where(line => line.Length > 1 && line[0] == '#' && (line[1] != ' ' || line.StartsWith("#  ", StringComparison.Ordinal)))
                .Where(line => !line.StartsWith("#interfaces", StringComparison.Ordinal) && !line.StartsWith("#  -", StringComparison.Ordinal) && !line.StartsWith("#    ", StringComparison.Ordinal))
                .Select(line => line[1..])));
            var settings = SettingsLoader.Load(path, NoFlags, NoEnvironment);

            var defaults = AgentSettings.Defaults;
            Assert.True(settings.IsAutomatic);
            Assert.Equal(
                (defaults.Leases, defaults.Routing, defaults.Verify, defaults.Discovery, defaults.State, defaults.Sysctl, defaults.Persist),
                (settings.Leases, settings.Routing, settings.Verify, settings.Discovery, settings.State, settings.Sysctl, settings.Persist));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Docs_key_table_has_every_key_with_its_schema_default_and_no_other()
    {
        var expected = new Dictionary<string, string>(StringComparer.Ordinal) { [SettingsSchema.Interfaces] = "empty" };
        foreach (var key in SettingsSchema.InterfaceEntry)
        {
            expected[$"{SettingsSchema.Interfaces}[].{key.Path}"] = key.DocumentedDefault;
        }
        foreach (var key in SettingsSchema.MatchEntry)
        {
            expected[$"{SettingsSchema.Interfaces}[].{SettingsSchema.Match}.{key.Path}"] = key.DocumentedDefault;
        }
        foreach (var key in SettingsSchema.Keys)
        {
            expected[key.Path] = key.DocumentedDefault;
        }

        var documented = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string row in File.ReadLines(ConfigurationDoc()).Where(line => line.StartsWith("| `", StringComparison.Ordinal)))
        {
            string[] cells = row.Split('|', StringSplitOptions.TrimEntries);
            // "| `key` | type | default | meaning |" splits into "", key, type, default, meaning, "".
            Assert.True(documented.TryAdd(cells[1].Trim('`'), cells[3]), $"documented twice: {cells[1]}");
        }

        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), documented.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    private static string ConfigurationDoc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string doc = Path.Combine(dir.FullName, "docs", "configuration.md");
            if (File.Exists(Path.Combine(dir.FullName, "BootRoute.sln")) && File.Exists(doc))
            {
                return doc;
            }
        }
        throw new InvalidOperationException("no docs/configuration.md above the test assembly");
    }
}
