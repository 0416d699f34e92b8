using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Settings;

/// <summary>Every error is one line: where, the key path, what is wrong.</summary>
public sealed class SettingsErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brset-settings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string ConfigPath => Path.Combine(_dir, "bootroute.yaml");

    private string Error(string yaml, Dictionary<string, string>? environment = null, Dictionary<string, string?>? flags = null)
    {
        File.WriteAllText(ConfigPath, yaml);
        string message = Assert.Throws<ConfigurationException>(
            () => SettingsLoader.Load(ConfigPath, flags ?? [], environment ?? [])).Message;
        Assert.DoesNotContain('\n', message);
        return message;
    }

    [Theory]
    [InlineData("verify:\n  enabled: true\n  timout: 2s\n", "3: verify.timout: unknown key; verify has enabled, lookup_destination, timeout, rollback, targets, echo_url")]
    [InlineData("interfaces:\n  - name: ens3\n  - name: ens4\n    tabel: 7\n", "4: interfaces[1].tabel: unknown key; an interface has name, primary, primary_ipv6, table, floating_ip, gateway, address, match")]
    [InlineData("verfy:\n  enabled: true\n", "1: verfy: unknown key; the sections are interfaces, leases, routing, verify, discovery, state, sysctl, persist, metrics")]
    [InlineData("Verify:\n  enabled: true\n", "1: Verify: unknown key; the sections are interfaces, leases, routing, verify, discovery, state, sysctl, persist, metrics")]
    public void Unknown_key_names_file_line_and_key(string yaml, string expected) =>
        Assert.Equal($"{ConfigPath}:{expected}", Error(yaml));

    [Theory]
    [InlineData("verify:\n  enabled: yes\n", "2: verify.enabled: must be true or false, not \"yes\"")]
    [InlineData("interfaces:\n  - name: ens3\n    table: abc\n", "3: interfaces[0].table: must be a number from 1 to 4294967295, not \"abc\"")]
    [InlineData("interfaces:\n  - name: ens3\n    table: 4294967296\n", "3: interfaces[0].table: must be a number from 1 to 4294967295, not \"4294967296\"")]
    [InlineData("interfaces:\n  - name: ens3\n    table: 254\n", "3: interfaces[0].table: 254 is the kernel's \"main\" table; use another id")]
    [InlineData("interfaces:\n  - name: ens3\n    table: 0\n", "3: interfaces[0].table: must be a number from 1 to 4294967295, not \"0\"")]
    [InlineData("interfaces:\n  - name: ens3\n    floating_ip: 10.1\n", "3: interfaces[0].floating_ip: must be an IPv4 address such as 203.0.113.10, or auto (ask verify.echo_url), not \"10.1\"")]
    [InlineData("interfaces:\n  - name: ens3\n    floating_ip: 2001:db8::1\n", "3: interfaces[0].floating_ip: must be an IPv4 address such as 203.0.113.10, or auto (ask verify.echo_url), not \"2001:db8::1\"")]
    [InlineData("interfaces:\n  - name: this-name-is-too-long\n", "2: interfaces[0].name: must be a Linux interface name (1 to 15 characters, no '/', ':' or spaces), not \"this-name-is-too-long\"")]
    [InlineData("verify:\n  timeout: 2m\n", "2: verify.timeout: must be a duration above 0 and at most 60s, written like 2s, 500ms or 1.5 (seconds), not \"2m\"")]
    [InlineData("verify:\n  timeout: 0s\n", "2: verify.timeout: must be a duration above 0 and at most 60s, written like 2s, 500ms or 1.5 (seconds), not \"0s\"")]
    [InlineData("verify:\n  timeout: 61\n", "2: verify.timeout: must be a duration above 0 and at most 60s, written like 2s, 500ms or 1.5 (seconds), not \"61\"")]
    [InlineData("routing:\n  priority_base: 32600\n", "2: routing.priority_base: must be a number from 1 to 32509 (base + 256 must stay below 32766), not \"32600\"")]
    [InlineData("routing:\n  table_base: 252\n", "2: routing.table_base: must be a number from 0 to 4294967039 whose next table (base + 1) is not 253, 254 or 255, not \"252\"")]
    [InlineData("leases:\n  dhclient_dir: var/lib/dhcp\n", "2: leases.dhclient_dir: must be an absolute path, not \"var/lib/dhcp\"")]
    public void Wrong_value_names_file_line_and_key(string yaml, string expected) =>
        Assert.Equal($"{ConfigPath}:{expected}", Error(yaml));

    [Theory]
    [InlineData("verify: true\n", "1: verify: must be a mapping of enabled, lookup_destination, timeout, rollback, targets, echo_url, not the value \"true\"")]
    [InlineData("interfaces: ens3\n", "1: interfaces: must be a list of interfaces (\"- name: ens3\"), not the value \"ens3\"")]
    [InlineData("interfaces:\n  name: ens3\n", "2: interfaces: must be a list of interfaces (\"- name: ens3\"), not a mapping")]
    [InlineData("interfaces:\n  - ens3\n", "2: interfaces[0]: must be a mapping with name, primary, primary_ipv6, table, floating_ip, gateway, address, match, not the value \"ens3\"")]
    [InlineData("verify:\n  timeout:\n    seconds: 2\n", "3: verify.timeout: must be a single value, not a mapping")]
    [InlineData("- a\n- b\n", "1: (top level): must be a mapping of interfaces, leases, routing, verify, discovery, state, sysctl, persist, metrics, not a list")]
    [InlineData("verify: {}\n---\nverify: {}\n", "3: (top level): only one YAML document is allowed; remove the second '---'")]
    public void Wrong_node_kind_is_named(string yaml, string expected) =>
        Assert.Equal($"{ConfigPath}:{expected}", Error(yaml));

    [Theory]
    [InlineData("verify:\n  enabled: true\n   timeout: 2s\n", ":3: invalid YAML: ")]
    [InlineData("interfaces: [ens3\n", ":2: invalid YAML: ")]
    [InlineData("verify:\n  enabled: true\n  enabled: false\n", ":3: invalid YAML: ")]
    [InlineData("verify: {timeout: 5s\nstate: {}\n", ":1: invalid YAML: ")] // InvalidOperationException inside YamlDotNet
    [InlineData(" : 1\n", ":2: invalid YAML: ")]                             // ArgumentException inside YamlDotNet (found at the end)
    public void Malformed_yaml_gives_yamldotnet_line(string yaml, string expected)
    {
        string message = Error(yaml);

        Assert.StartsWith($"{ConfigPath}{expected}", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx:", message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> HostileYaml => new()
    {
        { BoundedYamlTests.BillionLaughsKey(), $"invalid YAML: more than {BoundedYaml.MaxNodes} nodes once aliases are expanded" },
        { new string('[', 30_000), $"invalid YAML: nested more than {BoundedYaml.MaxDepth} levels deep" },
        { new string('[', 100_000), $"invalid YAML: nested more than {BoundedYaml.MaxDepth} levels deep" },
    };

    [Theory]
    [MemberData(nameof(HostileYaml))]
    public void Hostile_yaml_is_refused_naming_the_file_and_the_bound(string yaml, string expected)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string message = Error(yaml);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.StartsWith($"{ConfigPath}:", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_settings_file_over_a_mebibyte_is_refused_without_reading_it_all()
    {
        using (var file = File.Create(ConfigPath))
        {
            file.SetLength(64L * 1024 * 1024); // a sparse 64 MiB of NULs
        }

        string message = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(ConfigPath, new Dictionary<string, string?>(), new Dictionary<string, string>())).Message;

        Assert.Equal($"{ConfigPath}: invalid YAML: larger than 1 MiB, the bound on a YAML document's size", message);
    }

    [Fact]
    public void A_broken_drop_in_is_named()
    {
        string dropIns = Directory.CreateDirectory(Path.Combine(_dir, "conf.d")).FullName;
        string dropIn = Path.Combine(dropIns, "50-broken.yaml");
        File.WriteAllText(dropIn, "verify: {timeout: 5s\nstate: {}\n");

        string message = Error("verify:\n  enabled: true\n");

        Assert.StartsWith($"{dropIn}:", message, StringComparison.Ordinal);
        Assert.Contains("invalid YAML", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Second_primary_is_named_with_its_line()
    {
        string message = Error("interfaces:\n  - name: ens3\n    primary: true\n  - name: ens4\n    primary: true\n");

        Assert.Equal($"{ConfigPath}:5: interfaces[1].primary: only one interface can be primary; interfaces[0] (ens3) already is", message);
    }

    [Fact]
    public void Second_ipv6_primary_is_named_with_its_line()
    {
        string message = Error("interfaces:\n  - name: ens3\n    primary_ipv6: true\n  - name: ens4\n    primary_ipv6: true\n");

        Assert.Equal($"{ConfigPath}:5: interfaces[1].primary_ipv6: only one interface can be the IPv6 primary; interfaces[0] (ens3) already is", message);
    }

    [Fact]
    public void An_ipv6_primary_with_ipv6_off_is_named_with_its_line()
    {
        string message = Error("routing: {ipv6: off}\ninterfaces:\n  - name: ens3\n  - name: ens4\n    primary_ipv6: true\n");

        Assert.Equal($"{ConfigPath}:5: interfaces[1].primary_ipv6: routing.ipv6 is off, so there is no IPv6 primary to choose", message);
    }

    [Fact]
    public void Duplicate_names_and_tables_are_named()
    {
        Assert.Equal(
            $"{ConfigPath}:3: interfaces[1].name: ens3 is already interfaces[0]",
            Error("interfaces:\n  - name: ens3\n  - name: ens3\n"));
        Assert.Equal(
            $"{ConfigPath}:5: interfaces[1].table: table 101 is already used by interfaces[0] (ens3)",
            Error("interfaces:\n  - name: ens3\n    table: 101\n  - name: ens4\n    table: 101\n"));
    }

    [Fact]
    public void Missing_name_is_required()
    {
        Assert.Equal(
            $"{ConfigPath}:2: interfaces[0].name: is required; every listed interface needs a name or match.mac",
            Error("interfaces:\n  - table: 101\n"));
    }

    [Fact]
    public void Primary_clash_across_layers_points_at_the_later_layer()
    {
        string message = Error(
            "interfaces:\n  - name: ens3\n    primary: true\n  - name: ens4\n",
            environment: new() { ["BOOTROUTE_INTERFACES__1__PRIMARY"] = "true" });

        Assert.Equal("environment BOOTROUTE_INTERFACES__1__PRIMARY: interfaces[1].primary: only one interface can be primary; interfaces[0] (ens3) already is", message);
    }

    [Theory]
    [InlineData("BOOTROUTE_VERIFY__TIMEOUT", "soon", "environment BOOTROUTE_VERIFY__TIMEOUT: verify.timeout: must be a duration above 0 and at most 60s, written like 2s, 500ms or 1.5 (seconds), not \"soon\"")]
    [InlineData("BOOTROUTE_VERIFY__TIMOUT", "2s", "environment BOOTROUTE_VERIFY__TIMOUT: verify.timout: unknown key; verify has enabled, lookup_destination, timeout, rollback, targets, echo_url")]
    [InlineData("BOOTROUTE_INTERFACES__X__NAME", "ens3", "environment BOOTROUTE_INTERFACES__X__NAME: interfaces.x.name: list index must be a number from 0 to 255")]
    [InlineData("BOOTROUTE_INTERFACES__1__NAME", "ens3", "environment BOOTROUTE_INTERFACES__1__NAME: interfaces[1]: there is no interfaces[0]; list entries are numbered from 0 without gaps")]
    public void Environment_errors_name_the_variable(string name, string value, string expected) =>
        Assert.Equal(expected, Error("", environment: new() { [name] = value }));

    [Theory]
    [InlineData("verify:timeout", "-1", "command line --set verify:timeout: verify.timeout: must be a duration above 0 and at most 60s, written like 2s, 500ms or 1.5 (seconds), not \"-1\"")]
    [InlineData("routing:tablebase", "5", "command line --set routing:tablebase: routing.tablebase: unknown key; routing has table_base, priority_base, ipv6")]
    [InlineData("interfaces", "ens3", "command line --set interfaces: interfaces: is a list; set one entry's key at a time, e.g. interfaces:0:name")]
    public void Command_line_errors_name_the_flag(string key, string value, string expected) =>
        Assert.Equal(expected, Error("", flags: new() { [key] = value }));
}
