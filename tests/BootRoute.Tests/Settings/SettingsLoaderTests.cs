using System.Net;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Settings;

public sealed class SettingsLoaderTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoFlags = [];
    private static readonly Dictionary<string, string> NoEnvironment = [];

    private readonly string _dir = Directory.CreateTempSubdirectory("brset-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string ConfigPath => Path.Combine(_dir, "bootroute.yaml");

    private string Write(string name, string yaml)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
        return path;
    }

    private AgentSettings Load(Dictionary<string, string>? environment = null, Dictionary<string, string?>? flags = null) =>
        SettingsLoader.Load(ConfigPath, flags ?? NoFlags, environment ?? NoEnvironment);

    private string LoadError(Dictionary<string, string>? environment = null, Dictionary<string, string?>? flags = null) =>
        Assert.Throws<ConfigurationException>(() => Load(environment, flags)).Message;

    private const string FullFile = """
        # every key
        interfaces:
          - name: ens3
            primary: true
            table: 101
          - name: ens4
            table: 4294967295
            floating_ip: 203.0.113.10
        leases:
          dhclient_dir: /var/lib/dhclient
        routing:
          table_base: 1000
          priority_base: 2000
        verify:
          enabled: false
          lookup_destination: 198.51.100.7
          timeout: 500ms
        """;

    [Fact]
    public void Missing_default_file_gives_defaults()
    {
        var settings = SettingsLoader.Load(Path.Combine(_dir, "absent.yaml"), mustExist: false, NoFlags, NoEnvironment);

        Assert.Equal(AgentSettings.Defaults.Leases, settings.Leases);
        Assert.Equal(AgentSettings.Defaults.Routing, settings.Routing);
        Assert.Equal(AgentSettings.Defaults.Verify, settings.Verify);
        Assert.True(settings.IsAutomatic);
    }

    [Fact]
    public void Empty_file_gives_defaults()
    {
        Write("bootroute.yaml", "# nothing yet\n");

        var settings = Load();

        Assert.Equal(AgentSettings.Defaults.Verify, settings.Verify);
        Assert.Equal(["/var/lib/dhcp", "/var/lib/dhclient", "/var/lib/NetworkManager"], settings.Leases.DhclientDirectories);
        Assert.Equal(new RoutingSettings(100, 100), settings.Routing);
        Assert.Equal(new VerifySettings(true, IPAddress.Parse("192.0.2.1"), TimeSpan.FromSeconds(2)), settings.Verify);
    }

    [Fact]
    public void Full_file_sets_every_key()
    {
        Write("bootroute.yaml", FullFile);

        var settings = Load();

        Assert.Equal(
            [
                new InterfaceSelection("ens3", true, 101, null),
                new InterfaceSelection("ens4", null, 4294967295, IPAddress.Parse("203.0.113.10")),
            ],
            settings.Interfaces);
        Assert.False(settings.IsAutomatic);
        Assert.Equal(LeaseSettings.Defaults with { DhclientDirectories = ["/var/lib/dhclient"] }, settings.Leases);
        Assert.Equal(new RoutingSettings(1000, 2000), settings.Routing);
        Assert.Equal(new VerifySettings(false, IPAddress.Parse("198.51.100.7"), TimeSpan.FromMilliseconds(500)), settings.Verify);
    }

    [Fact]
    public void Missing_explicit_file_is_an_error()
    {
        string message = Assert.Throws<ConfigurationException>(
            () => SettingsLoader.Load(Path.Combine(_dir, "nope.yaml"), NoFlags, NoEnvironment)).Message;

        Assert.Equal($"{Path.Combine(_dir, "nope.yaml")}: settings file not found", message);
    }

    [Fact]
    public void Conf_d_files_apply_in_name_order_after_the_main_file()
    {
        Write("bootroute.yaml", "verify:\n  timeout: 3s\nrouting:\n  table_base: 200\n");
        Write("conf.d/20-b.yaml", "verify:\n  timeout: 5\n");
        Write("conf.d/10-a.yaml", "verify:\n  timeout: 4s\n  enabled: false\n");
        Write("conf.d/30-ignored.yml", "verify:\n  timeout: 9s\n");

        var settings = Load();

        Assert.Equal(TimeSpan.FromSeconds(5), settings.Verify.Timeout);
        Assert.False(settings.Verify.Enabled);
        Assert.Equal(200u, settings.Routing.TableBase);
    }

    [Fact]
    public void Conf_d_with_more_drop_ins_than_the_limit_is_a_configuration_error_naming_it()
    {
        Write("bootroute.yaml", "");
        for (int i = 0; i <= SettingsLoader.MaximumDropIns; i++)
        {
            Write($"conf.d/{i:d4}.yaml", "verify:\n  timeout: 4s\n");
        }
        Write("conf.d/notes.txt", "not counted");

        Assert.Equal(
            $"{Path.Combine(_dir, "conf.d")}: more than {SettingsLoader.MaximumDropIns} *.yaml drop-ins: not a configuration BootRoute reads; merge them",
            LoadError());
        File.Delete(Path.Combine(_dir, "conf.d", "0000.yaml"));
        Assert.Equal(TimeSpan.FromSeconds(4), Load().Verify.Timeout); // exactly the limit is read
    }

    [Fact]
    public void Conf_d_is_read_without_a_main_file()
    {
        Write("conf.d/50-x.yaml", "routing:\n  priority_base: 500\n");

        var settings = SettingsLoader.Load(ConfigPath, mustExist: false, NoFlags, NoEnvironment);

        Assert.Equal(500u, settings.Routing.PriorityBase);
    }

    [Fact]
    public void Later_file_with_interfaces_replaces_the_whole_list()
    {
        Write("bootroute.yaml", "interfaces:\n  - name: ens3\n  - name: ens4\n  - name: ens5\n");
        Write("conf.d/10.yaml", "interfaces:\n  - name: eth0\n    primary: true\n");

        var settings = Load();

        Assert.Equal([new InterfaceSelection("eth0", true, null, null)], settings.Interfaces);
    }

    [Fact]
    public void Empty_interfaces_in_a_later_file_means_automatic()
    {
        Write("bootroute.yaml", "interfaces:\n  - name: ens3\n");
        Write("conf.d/10.yaml", "interfaces: []\n");

        Assert.True(Load().IsAutomatic);
    }

    [Fact]
    public void Environment_overrides_files_and_command_line_overrides_environment()
    {
        Write("bootroute.yaml", FullFile);
        var environment = new Dictionary<string, string>
        {
            ["BOOTROUTE_VERIFY__ENABLED"] = "true",
            ["BOOTROUTE_VERIFY__TIMEOUT"] = "7s",
            ["BOOTROUTE_LEASES__DHCLIENT_DIR"] = "/x",
            ["BOOTROUTE_INTERFACES__1__TABLE"] = "202",
            ["PATH"] = "/usr/bin",
        };
        var flags = new Dictionary<string, string?> { ["verify:timeout"] = "1.5", ["routing.table_base"] = "300" };

        var settings = Load(environment, flags);

        Assert.True(settings.Verify.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(1.5), settings.Verify.Timeout);
        Assert.Equal(["/x"], settings.Leases.DhclientDirectories);
        Assert.Equal(300u, settings.Routing.TableBase);
        Assert.Equal(new InterfaceSelection("ens4", null, 202, IPAddress.Parse("203.0.113.10")), settings.Interfaces[1]);
        Assert.Equal("ens3", settings.Interfaces[0].Name);
    }

    [Fact]
    public void Empty_override_resets_to_the_default()
    {
        Write("bootroute.yaml", "verify:\n  timeout: 9s\n");

        var settings = Load(flags: new() { ["verify:timeout"] = "" });

        Assert.Equal(TimeSpan.FromSeconds(2), settings.Verify.Timeout);
    }

    [Fact]
    public void Environment_can_list_interfaces()
    {
        var settings = SettingsLoader.Load(ConfigPath, mustExist: false, NoFlags, new Dictionary<string, string>
        {
            ["BOOTROUTE_INTERFACES__0__NAME"] = "ens3",
            ["BOOTROUTE_INTERFACES__1__NAME"] = "ens4",
            ["BOOTROUTE_INTERFACES__1__PRIMARY"] = "true",
        });

        Assert.Equal(["ens3", "ens4"], settings.Interfaces.Select(i => i.Name));
        Assert.True(settings.Interfaces[1].Primary);
    }

    [Fact]
    public void Variables_without_a_section_separator_are_not_settings()
    {
        var settings = SettingsLoader.Load(ConfigPath, mustExist: false, NoFlags, new Dictionary<string, string>
        {
            ["BOOTROUTE_BIN"] = "/opt/bootroute/bootroute",
            ["BOOTROUTE_VERIFY"] = "x",
        });

        Assert.Equal(AgentSettings.Defaults.Verify, settings.Verify);
    }
}
