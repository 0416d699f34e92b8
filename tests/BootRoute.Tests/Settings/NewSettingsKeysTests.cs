using System.Net.NetworkInformation;
using BootRoute.Model;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Settings;

/// <summary>leases.sources and the lease directories, interfaces[].match.mac and discovery.timeout.</summary>
public sealed class NewSettingsKeysTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brset-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string ConfigPath => Path.Combine(_dir, "bootroute.yaml");

    private void Write(string name, string yaml)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
    }

    private AgentSettings Load(string yaml = "", Dictionary<string, string>? environment = null, Dictionary<string, string?>? flags = null)
    {
        Write("bootroute.yaml", yaml);
        return SettingsLoader.Load(ConfigPath, flags ?? [], environment ?? []);
    }

    private string Error(string yaml, Dictionary<string, string>? environment = null, Dictionary<string, string?>? flags = null)
    {
        string message = Assert.Throws<ConfigurationException>(() => Load(yaml, environment, flags)).Message;
        Assert.DoesNotContain('\n', message);
        return message;
    }

    private static readonly PhysicalAddress Mac4 = PhysicalAddress.Parse("FA-16-3E-00-00-04");

    [Fact]
    public void Defaults_of_the_new_keys()
    {
        var settings = Load();

        Assert.Equal(["dhclient", "dhcpcd", "networkd", "networkmanager", "openstack", "kernel", "static"], settings.Leases.Sources);
        Assert.Equal("/var/lib/dhcpcd", settings.Leases.DhcpcdDirectory);
        Assert.Equal("/run/systemd/netif/leases", settings.Leases.NetworkdDirectory);
        Assert.Equal("/run/NetworkManager/devices", settings.Leases.NetworkManagerDirectory);
        Assert.Null(settings.Leases.OpenStackDirectory);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.Discovery.Timeout);
    }

    [Fact]
    public void Every_new_key_is_read_from_a_file()
    {
        var settings = Load("""
            interfaces:
              - name: ens3
              - match: {mac: FA:16:3e:00:00:04}
                table: 120
            leases:
              sources: [openstack, dhclient, kernel]
              dhcpcd_dir: /d
              networkd_dir: /n
              networkmanager_dir: /m
              openstack_dir: /mnt/config
            discovery:
              timeout: 0
            """);

        Assert.Equal(
            [new InterfaceSelection("ens3", null, null, null), new InterfaceSelection(null, null, 120, null, Mac4)],
            settings.Interfaces);
        Assert.Equal("mac fa:16:3e:00:00:04", settings.Interfaces[1].Label);
        Assert.Equal(
            LeaseSettings.Defaults with
            {
                Sources = ["openstack", "dhclient", "kernel"],
                DhcpcdDirectory = "/d",
                NetworkdDirectory = "/n",
                NetworkManagerDirectory = "/m",
                OpenStackDirectory = "/mnt/config",
            },
            settings.Leases);
        Assert.Equal(TimeSpan.Zero, settings.Discovery.Timeout);
    }

    [Fact]
    public void Block_style_sources_and_a_600s_timeout()
    {
        var settings = Load("leases:\n  sources:\n    - kernel\n    - dhclient\ndiscovery:\n  timeout: 600s\n");

        Assert.Equal(["kernel", "dhclient"], settings.Leases.Sources);
        Assert.Equal(TimeSpan.FromSeconds(600), settings.Discovery.Timeout);
    }

    [Fact]
    public void A_later_file_replaces_the_sources_list_and_null_restores_the_default()
    {
        Write("conf.d/10.yaml", "leases:\n  sources: [kernel]\n");
        var replaced = Load("leases:\n  sources: [dhclient, dhcpcd, networkd]\n");

        Write("conf.d/10.yaml", "leases:\n  sources:\n");
        var reset = Load("leases:\n  sources: [dhclient, dhcpcd, networkd]\n");

        Assert.Equal(["kernel"], replaced.Leases.Sources);
        Assert.Equal(LeaseSourceNames.All, reset.Leases.Sources);
    }

    [Fact]
    public void Environment_and_flags_set_sources_entry_by_entry()
    {
        var settings = Load(
            "leases:\n  sources: [dhclient, dhcpcd]\n",
            environment: new() { ["BOOTROUTE_LEASES__SOURCES__0"] = "networkd", ["BOOTROUTE_LEASES__OPENSTACK_DIR"] = "/e" },
            flags: new() { ["leases.sources.1"] = "kernel", ["discovery.timeout"] = "5s" });

        Assert.Equal(["networkd", "kernel"], settings.Leases.Sources);
        Assert.Equal("/e", settings.Leases.OpenStackDirectory);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Discovery.Timeout);
    }

    [Fact]
    public void Environment_alone_can_list_sources_and_match_by_mac()
    {
        var settings = Load(environment: new()
        {
            ["BOOTROUTE_LEASES__SOURCES__0"] = "openstack",
            ["BOOTROUTE_LEASES__SOURCES__1"] = "kernel",
            ["BOOTROUTE_INTERFACES__0__MATCH__MAC"] = "fa:16:3e:00:00:04",
            ["BOOTROUTE_DISCOVERY__TIMEOUT"] = "90",
        });

        Assert.Equal(["openstack", "kernel"], settings.Leases.Sources);
        Assert.Equal(Mac4, Assert.Single(settings.Interfaces).Mac);
        Assert.Equal(TimeSpan.FromSeconds(90), settings.Discovery.Timeout);
    }

    [Theory]
    [InlineData("leases:\n  sources: [dhclient, dhcp]\n", "2: leases.sources[1]: must be one of dhclient, dhcpcd, networkd, networkmanager, openstack, kernel, static, not \"dhcp\"")]
    [InlineData("leases:\n  sources: []\n", "2: leases.sources: must name at least one source; leave the key out for the default order")]
    [InlineData("leases:\n  sources: dhclient\n", "2: leases.sources: must be a list such as [dhclient, kernel], not the value \"dhclient\"")]
    [InlineData("leases:\n  sources:\n    - [dhclient]\n", "3: leases.sources[0]: must be a single value, not a list")]
    [InlineData("leases:\n  dhcpcd_dir: dhcpcd\n", "2: leases.dhcpcd_dir: must be an absolute path, not \"dhcpcd\"")]
    [InlineData("leases:\n  networkd_dir: run\n", "2: leases.networkd_dir: must be an absolute path, not \"run\"")]
    [InlineData("leases:\n  networkmanager_dir: x\n", "2: leases.networkmanager_dir: must be an absolute path, not \"x\"")]
    [InlineData("leases:\n  openstack_dir: mnt\n", "2: leases.openstack_dir: must be an absolute path, not \"mnt\"")]
    [InlineData("leases:\n  dhcpd_dir: /x\n", "2: leases.dhcpd_dir: unknown key; leases has sources, dhclient_dir, dhcpcd_dir, networkd_dir, networkmanager_dir, openstack_dir")]
    [InlineData("discovery:\n  timeout: 601s\n", "2: discovery.timeout: must be a duration from 0 (do not wait) to 600s, written like 60s, 500ms or 90 (seconds), not \"601s\"")]
    [InlineData("discovery:\n  timeout: -1\n", "2: discovery.timeout: must be a duration from 0 (do not wait) to 600s, written like 60s, 500ms or 90 (seconds), not \"-1\"")]
    [InlineData("discovery:\n  wait: 5s\n", "2: discovery.wait: unknown key; discovery has timeout")]
    [InlineData("interfaces:\n  - match: {mac: fa-16-3e-00-00-04}\n", "2: interfaces[0].match.mac: must be a MAC address written like fa:16:3e:00:00:04, not \"fa-16-3e-00-00-04\"")]
    [InlineData("interfaces:\n  - match: {mac: fa:16:3e:00:00}\n", "2: interfaces[0].match.mac: must be a MAC address written like fa:16:3e:00:00:04, not \"fa:16:3e:00:00\"")]
    [InlineData("interfaces:\n  - match: {name: ens3}\n", "2: interfaces[0].match.name: unknown key; match has mac")]
    [InlineData("interfaces:\n  - match: fa:16:3e:00:00:04\n", "2: interfaces[0].match: must be a mapping of mac, not the value \"fa:16:3e:00:00:04\"")]
    public void Bad_values_name_file_line_and_key(string yaml, string expected) =>
        Assert.Equal($"{ConfigPath}:{expected}", Error(yaml));

    [Theory]
    [InlineData("leases:\n  sources: [dhclient, kernel, dhclient]\n", "2: leases.sources[2]: dhclient is already leases.sources[0]; list each source once")]
    [InlineData("interfaces:\n  - name: ens3\n    match:\n      mac: fa:16:3e:00:00:04\n", "4: interfaces[0].match.mac: set either name (ens3) or match.mac, not both")]
    [InlineData("interfaces:\n  - match: {mac: fa:16:3e:00:00:04}\n  - match: {mac: FA:16:3E:00:00:04}\n", "3: interfaces[1].match.mac: mac fa:16:3e:00:00:04 is already interfaces[0]")]
    [InlineData("interfaces:\n  - primary: true\n", "2: interfaces[0].name: is required; every listed interface needs a name or match.mac")]
    [InlineData("interfaces:\n  - match: {mac: fa:16:3e:00:00:04}\n    table: 101\n  - name: ens4\n    table: 101\n", "5: interfaces[1].table: table 101 is already used by interfaces[0] (mac fa:16:3e:00:00:04)")]
    public void Rules_across_keys_name_the_offending_entry(string yaml, string expected) =>
        Assert.Equal($"{ConfigPath}:{expected}", Error(yaml));

    [Fact]
    public void Duplicate_source_across_layers_points_at_the_later_layer()
    {
        string message = Error("leases:\n  sources: [dhclient, kernel]\n", flags: new() { ["leases:sources:1"] = "dhclient" });

        Assert.Equal("command line --set leases:sources:1: leases.sources[1]: dhclient is already leases.sources[0]; list each source once", message);
    }

    [Theory]
    [InlineData("BOOTROUTE_LEASES__SOURCES", "dhclient", "environment BOOTROUTE_LEASES__SOURCES: leases.sources: is a list; set one entry at a time, e.g. leases:sources:0")]
    [InlineData("BOOTROUTE_LEASES__SOURCES__X", "dhclient", "environment BOOTROUTE_LEASES__SOURCES__X: leases.sources.x: list index must be a number from 0 to 255")]
    [InlineData("BOOTROUTE_LEASES__SOURCES__0", "DHCLIENT", "environment BOOTROUTE_LEASES__SOURCES__0: leases.sources[0]: must be one of dhclient, dhcpcd, networkd, networkmanager, openstack, kernel, static, not \"DHCLIENT\"")]
    [InlineData("BOOTROUTE_LEASES__SOURCES__1", "kernel", "environment BOOTROUTE_LEASES__SOURCES__1: leases.sources[1]: there is no leases.sources[0]; list entries are numbered from 0 without gaps")]
    [InlineData("BOOTROUTE_INTERFACES__0__MATCH", "x", "environment BOOTROUTE_INTERFACES__0__MATCH: interfaces[0].match: is a mapping; set its key, e.g. interfaces:0:match:mac")]
    [InlineData("BOOTROUTE_INTERFACES__0__MATCH__MAC", "zz:16:3e:00:00:04", "environment BOOTROUTE_INTERFACES__0__MATCH__MAC: interfaces[0].match.mac: must be a MAC address written like fa:16:3e:00:00:04, not \"zz:16:3e:00:00:04\"")]
    [InlineData("BOOTROUTE_DISCOVERY__TIMEOUT", "11m", "environment BOOTROUTE_DISCOVERY__TIMEOUT: discovery.timeout: must be a duration from 0 (do not wait) to 600s, written like 60s, 500ms or 90 (seconds), not \"11m\"")]
    public void Environment_errors_name_the_variable(string name, string value, string expected) =>
        Assert.Equal(expected, Error("", environment: new() { [name] = value }));

    [Fact]
    public void An_empty_entry_drops_out_and_an_all_empty_list_is_the_default()
    {
        var dropped = Load("leases:\n  sources: [dhclient, kernel]\n", flags: new() { ["leases.sources.0"] = "" });
        var emptied = Load("leases:\n  sources: [dhclient]\n", flags: new() { ["leases.sources.0"] = "" });

        Assert.Equal(["kernel"], dropped.Leases.Sources);
        Assert.Equal(LeaseSourceNames.All, emptied.Leases.Sources);
    }

    [Fact]
    public void Interface_with_only_a_mac_via_a_flag_gets_a_mac_selection()
    {
        var settings = Load(flags: new() { ["interfaces.0.match.mac"] = "fa:16:3e:00:00:04", ["interfaces.0.primary"] = "true" });

        Assert.Equal(new InterfaceSelection(null, true, null, null, Mac4), Assert.Single(settings.Interfaces));
    }
}
