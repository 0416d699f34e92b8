using BootRoute.Model;
using BootRoute.Persistence;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Settings;

/// <summary>persist.backend and persist.root: defaults, every layer, and errors naming file, line and key.</summary>
public sealed class PersistSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brset-persist-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string ConfigPath => Path.Combine(_dir, "bootroute.yaml");

    private AgentSettings Load(string yaml, Dictionary<string, string>? environment = null, Dictionary<string, string?>? flags = null)
    {
        File.WriteAllText(ConfigPath, yaml);
        return SettingsLoader.Load(ConfigPath, flags ?? [], environment ?? []);
    }

    [Fact]
    public void Defaults_are_auto_under_the_running_system()
    {
        var settings = Load("");

        Assert.Equal(new PersistSettings(PersistBackend.Auto, "/"), settings.Persist);
    }

    [Theory]
    [InlineData("auto", PersistBackend.Auto)]
    [InlineData("none", PersistBackend.None)]
    [InlineData("ifupdown", PersistBackend.Ifupdown)]
    [InlineData("netplan", PersistBackend.Netplan)]
    [InlineData("networkd", PersistBackend.Networkd)]
    [InlineData("networkmanager", PersistBackend.NetworkManager)]
    [InlineData("ifcfg", PersistBackend.Ifcfg)]
    public void Every_backend_is_read_from_a_file(string name, PersistBackend backend)
    {
        var settings = Load($"persist:\n  backend: {name}\n  root: /srv/image\n");

        Assert.Equal(new PersistSettings(backend, "/srv/image"), settings.Persist);
    }

    [Fact]
    public void Environment_and_command_line_set_them_too_the_command_line_last()
    {
        var settings = Load("persist:\n  backend: netplan\n",
            new Dictionary<string, string> { ["BOOTROUTE_PERSIST__BACKEND"] = "networkd", ["BOOTROUTE_PERSIST__ROOT"] = "/mnt" },
            new Dictionary<string, string?> { ["persist.backend"] = "none" });

        Assert.Equal(new PersistSettings(PersistBackend.None, "/mnt"), settings.Persist);
    }

    [Theory]
    [InlineData("persist:\n  backend: systemd\n", "bootroute.yaml:2: persist.backend: must be one of auto, none, ifupdown, netplan, networkd, networkmanager, ifcfg, not \"systemd\"")]
    [InlineData("persist:\n  root: image\n", "bootroute.yaml:2: persist.root: must be an absolute path, not \"image\"")]
    [InlineData("persist:\n  root: \"/mnt/image\\0x\"\n", "bootroute.yaml:2: persist.root: must be an absolute path without control characters; character 11 is \\x00")]
    [InlineData("state:\n  directory: \"/var/lib/\\nbootroute\"\n", "bootroute.yaml:2: state.directory: must be an absolute path without control characters; character 10 is \\x0a")]
    [InlineData("leases:\n  networkd_dir: \"/run/\\e\"\n", "bootroute.yaml:2: leases.networkd_dir: must be an absolute path without control characters; character 6 is \\x1b")]
    [InlineData("persist:\n  backnd: netplan\n", "bootroute.yaml:2: persist.backnd: unknown key; persist has backend, root")]
    public void A_bad_value_is_one_line_naming_file_line_and_key(string yaml, string expected)
    {
        string message = Assert.Throws<ConfigurationException>(() => Load(yaml)).Message;

        Assert.EndsWith(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain(message, char.IsControl);
    }

    [Theory]
    [InlineData("BOOTROUTE_PERSIST__ROOT", "persist.root")]
    [InlineData("BOOTROUTE_STATE__DIRECTORY", "state.directory")]
    public void A_control_character_in_a_path_from_the_environment_names_the_variable_and_key(string variable, string key)
    {
        string message = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(
            Path.Combine(_dir, "absent.yaml"), false, new Dictionary<string, string?>(), new Dictionary<string, string> { [variable] = "/mnt/a\u0001b" })).Message;

        Assert.Equal($"environment {variable}: {key}: must be an absolute path without control characters; character 7 is \\x01", message);
    }
}
