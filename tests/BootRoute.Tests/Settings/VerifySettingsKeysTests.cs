using System.Net;
using BootRoute.Model;
using BootRoute.Settings;
using BootRoute.Verification;
using Xunit;

namespace BootRoute.Tests.Settings;

/// <summary>verify.rollback, verify.targets, verify.echo_url, interfaces[].floating_ip: auto and interfaces[].gateway.</summary>
public sealed class VerifySettingsKeysTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brset-verify-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private AgentSettings Load(string yaml, Dictionary<string, string>? environment = null, Dictionary<string, string?>? flags = null)
    {
        string path = Path.Combine(_dir, "bootroute.yaml");
        File.WriteAllText(path, yaml);
        return SettingsLoader.Load(path, flags ?? [], environment ?? []);
    }

    private string Error(string yaml, Dictionary<string, string>? environment = null, Dictionary<string, string?>? flags = null)
    {
        string message = Assert.Throws<ConfigurationException>(() => Load(yaml, environment, flags)).Message;
        Assert.DoesNotContain('\n', message);
        return message;
    }

    [Fact]
    public void Defaults_roll_back_and_probe_no_targets()
    {
        var verify = Load("").Verify;

        Assert.True(verify.Rollback);
        Assert.Empty(verify.Targets);
        Assert.Null(verify.EchoUrl);
    }

    [Fact]
    public void Every_verify_key_is_read_from_a_file()
    {
        var settings = Load("""
            interfaces:
              - name: ens3
                gateway: 100.64.1.254
                floating_ip: auto
              - name: ens4
                floating_ip: 203.0.113.20
            verify:
              rollback: false
              targets: [192.0.2.10, "192.0.2.10:443"]
              echo_url: http://192.0.2.10/ip
            """);

        Assert.False(settings.Verify.Rollback);
        Assert.Equal([new ProbeTarget(IPAddress.Parse("192.0.2.10"), null), new ProbeTarget(IPAddress.Parse("192.0.2.10"), 443)], settings.Verify.Targets);
        Assert.Equal(new Uri("http://192.0.2.10/ip"), settings.Verify.EchoUrl);
        Assert.True(settings.Interfaces[0].DiscoverFloatingIp);
        Assert.Null(settings.Interfaces[0].FloatingIp);
        Assert.Equal(IPAddress.Parse("100.64.1.254"), settings.Interfaces[0].Gateway);
        Assert.False(settings.Interfaces[1].DiscoverFloatingIp);
        Assert.Equal(IPAddress.Parse("203.0.113.20"), settings.Interfaces[1].FloatingIp);
    }

    [Fact]
    public void Targets_come_from_the_environment_and_the_command_line_one_entry_at_a_time()
    {
        var settings = Load("verify:\n  targets: [192.0.2.99]\n",
            environment: new() { ["BOOTROUTE_VERIFY__TARGETS__0"] = "192.0.2.10" },
            flags: new() { ["verify.targets.1"] = "192.0.2.10:22" });

        Assert.Equal(["192.0.2.10", "192.0.2.10:22"], settings.Verify.Targets.Select(target => target.ToString()));
    }

    [Fact]
    public void Ipv6_targets_are_read_from_the_file_the_environment_and_the_command_line()
    {
        var settings = Load("verify:\n  targets: [\"2001:db8:ffff::10\", 192.0.2.10]\n",
            environment: new() { ["BOOTROUTE_VERIFY__TARGETS__1"] = "[2001:db8:ffff::10]:22" },
            flags: new() { ["verify.targets.2"] = "2001:db8:fffe::1" });

        Assert.Equal(["2001:db8:ffff::10", "[2001:db8:ffff::10]:22", "2001:db8:fffe::1"], settings.Verify.Targets.Select(target => target.ToString()));
        Assert.Equal(22, settings.Verify.Targets[1].Port);
    }

    [Theory]
    [InlineData("verify:\n  targets: [example.com]\n",
        "2: verify.targets[0]: must be an IPv4 address (ICMP echo) or ADDRESS:PORT (TCP connect), such as 192.0.2.10 or 192.0.2.10:443, not \"example.com\"")]
    [InlineData("verify:\n  targets: [\"fe80::1\"]\n",
        "2: verify.targets[0]: must be a global IPv6 address (ICMPv6 echo) or [ADDRESS]:PORT (TCP connect), such as 2001:db8::10 or [2001:db8::10]:443; "
        + "no scope id, not link-local, multicast or IPv4-mapped; not \"fe80::1\"")]
    [InlineData("verify:\n  targets: [\"2001:db8::20\", \"[2001:db8::10]:70000\"]\n",
        "2: verify.targets[1]: must be a global IPv6 address (ICMPv6 echo) or [ADDRESS]:PORT (TCP connect), such as 2001:db8::10 or [2001:db8::10]:443; "
        + "no scope id, not link-local, multicast or IPv4-mapped; not \"[2001:db8::10]:70000\"")]
    [InlineData("verify:\n  targets: [\"2001:db8::10\", \"2001:DB8::0:10\"]\n", "2: verify.targets[1]: 2001:db8::10 is listed twice; list each target once")]
    [InlineData("verify:\n  targets: 192.0.2.10\n", "2: verify.targets: must be a list such as [192.0.2.10, 192.0.2.10:443], not the value \"192.0.2.10\"")]
    [InlineData("verify:\n  rollback: maybe\n", "2: verify.rollback: must be true or false, not \"maybe\"")]
    [InlineData("verify:\n  echo_url: https://ifconfig.me/ip\n",
        "2: verify.echo_url: must be an http:// URL of a service that answers with the caller's address, such as http://192.0.2.10/ (https is not supported), not \"https://ifconfig.me/ip\"")]
    [InlineData("verify:\n  echo_url: ifconfig.me\n",
        "2: verify.echo_url: must be an http:// URL of a service that answers with the caller's address, such as http://192.0.2.10/ (https is not supported), not \"ifconfig.me\"")]
    [InlineData("interfaces:\n  - name: ens3\n    gateway: 100.64.1\n", "3: interfaces[0].gateway: must be an IPv4 address such as 192.0.2.1 (not 0.0.0.0), not \"100.64.1\"")]
    [InlineData("interfaces:\n  - name: ens3\n    floating_ip: automatic\n",
        "3: interfaces[0].floating_ip: must be an IPv4 address such as 203.0.113.10, or auto (ask verify.echo_url), not \"automatic\"")]
    [InlineData("interfaces:\n  - name: ens3\n    floating_ip: auto\n",
        "3: interfaces[0].floating_ip: auto needs verify.echo_url, the service that tells each address its floating IP")]
    [InlineData("verify:\n  targets: [192.0.2.10, 192.0.2.10]\n", "2: verify.targets[1]: 192.0.2.10 is listed twice; list each target once")]
    public void Bad_values_name_the_line_and_key(string yaml, string expected) =>
        Assert.EndsWith(expected, Error(yaml));

    [Fact]
    public void An_empty_target_list_in_a_later_file_clears_the_targets()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "conf.d"));
        File.WriteAllText(Path.Combine(_dir, "conf.d", "50-none.yaml"), "verify:\n  targets: []\n");

        Assert.Empty(Load("verify:\n  targets: [192.0.2.10]\n").Verify.Targets);
    }

    [Fact]
    public void Two_interfaces_may_both_learn_their_floating_ip()
    {
        var settings = Load("""
            interfaces:
              - name: ens3
                floating_ip: auto
              - name: ens4
                floating_ip: auto
            verify:
              echo_url: http://192.0.2.10/
            """);

        Assert.All(settings.Interfaces, nic => Assert.True(nic.DiscoverFloatingIp));
    }
}
