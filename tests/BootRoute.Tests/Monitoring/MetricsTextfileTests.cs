using System.Text.RegularExpressions;
using BootRoute.Reporting;
using BootRoute.Settings;
using BootRoute.Tests.Persistence;
using Xunit;

namespace BootRoute.Tests.Monitoring;

/// <summary>Issue 17: the node_exporter textfile (metrics.textfile): names, values, escaping, the atomic write.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class MetricsTextfileTests
{
    private static readonly DateTimeOffset Finished = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_500);

    private static InterfaceReport Nic(string name, string? floatingIp, params CheckReport[] checks) => new()
    {
        Name = name, Address = "100.64.1.10", PrefixLength = 24, Gateway = "100.64.1.1", Table = 101, Priority = 101,
        Primary = false, FloatingIp = floatingIp, LeaseSource = "dhclient", Verified = checks.All(check => check.Passed), Checks = checks,
    };

    private static Report Applied() => new("apply", ExitCodes.VerificationFailed, "2 interfaces, primary ens3; 7 operations applied; verification failed on ens4")
    {
        Applied = 7,
        Operations = [.. Enumerable.Repeat("ip rule add …", 7)],
        Interfaces =
        [
            Nic("ens3", "203.0.113.10", new CheckReport("gateway", "100.64.1.1", true, "ok", 1.5), new CheckReport("floating", "203.0.113.10", true, "answered", 12)),
            Nic("ens4", "203.0.113.20",
                new CheckReport("target", "192.0.2.10", true, "ok", 3), new CheckReport("target", "192.0.2.10", false, "target silent", 2000),
                new CheckReport("floating", "203.0.113.20", false, "floating IP silent", 2000)),
        ],
    };

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void An_apply_gives_every_family_with_help_and_type_and_the_samples_of_its_checks()
    {
        string text = MetricsTextfile.Format(Applied(), Finished, TimeSpan.FromMilliseconds(2345));

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Contains("bootroute_last_run_timestamp_seconds{command=\"apply\"} 1780000000.5\n", text, StringComparison.Ordinal);
        Assert.Contains("bootroute_last_run_exit_code{command=\"apply\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("bootroute_last_run_success{command=\"apply\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("bootroute_last_run_duration_seconds{command=\"apply\"} 2.345\n", text, StringComparison.Ordinal);
        Assert.Contains("bootroute_last_run_applied_operations{command=\"apply\"} 7\n", text, StringComparison.Ordinal);
        Assert.Contains("bootroute_drift{command=\"apply\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("bootroute_check_ok{interface=\"ens3\",check=\"gateway\",target=\"100.64.1.1\"} 1\n", text, StringComparison.Ordinal);
        // The same target twice: one series, failed because one of them failed.
        Assert.Single(Lines(text), line => line.StartsWith("bootroute_check_ok{interface=\"ens4\",check=\"target\"", StringComparison.Ordinal));
        Assert.Contains("bootroute_check_ok{interface=\"ens4\",check=\"target\",target=\"192.0.2.10\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("bootroute_check_duration_seconds{interface=\"ens4\",check=\"floating\",target=\"203.0.113.20\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("bootroute_floating_ip_reachable{interface=\"ens3\",floating_ip=\"203.0.113.10\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("bootroute_floating_ip_reachable{interface=\"ens4\",floating_ip=\"203.0.113.20\"} 0\n", text, StringComparison.Ordinal);

        var families = Lines(text).Where(line => !line.StartsWith('#')).Select(line => SampleName().Match(line).Groups[1].Value).Distinct().ToList();
        Assert.Equal(11, families.Count);
        foreach (string family in families)
        {
            Assert.Matches("^bootroute_[a-z_]+$", family);
            Assert.Contains($"# HELP {family} ", text, StringComparison.Ordinal);
            Assert.Contains($"# TYPE {family} gauge\n", text, StringComparison.Ordinal);
        }
        // No sample carries a timestamp (the textfile collector refuses them): name{labels} value, nothing after.
        Assert.All(Lines(text).Where(line => !line.StartsWith('#')), line => Assert.Matches(@"^[a-z_]+(\{.*\})? [0-9.eE+-]+$", line));
    }

    [Fact]
    public void Label_values_from_outside_are_escaped()
    {
        var report = new Report("verify", 0, "x") { Interfaces = [Nic("e\"n\\s", null, new CheckReport("target", "a\nb", true, "ok", 1))] };

        string text = MetricsTextfile.Format(report, Finished, TimeSpan.Zero);

        Assert.Contains("bootroute_check_ok{interface=\"e\\\"n\\\\s\",check=\"target\",target=\"a\\nb\"} 1\n", text, StringComparison.Ordinal);
        Assert.Equal(Lines(text).Length, text.Count(c => c == '\n'));
    }

    [Theory]
    [InlineData("verify", 2, 0, "1")]
    [InlineData("verify", 0, 0, "0")]
    [InlineData("apply", 7, 0, "1")]
    [InlineData("remove", 3, 3, null)]
    public void Drift_is_what_an_apply_would_still_change(string command, int operations, int applied, string? drift)
    {
        var report = new Report(command, 0, "x") { Operations = [.. Enumerable.Repeat("ip rule add …", operations)], Applied = applied };

        string text = MetricsTextfile.Format(report, Finished, TimeSpan.Zero);

        if (drift is null)
        {
            Assert.DoesNotContain("bootroute_drift", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"bootroute_drift{{command=\"{command}\"}} {drift}\n", text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("bootroute_check_ok", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_is_replaced_whole_readable_by_node_exporter_with_no_temporary_left_and_a_link_not_followed()
    {
        using var scratch = new ScratchRoot();
        string outside = Path.Combine(scratch.Path, "outside.prom");
        File.WriteAllText(outside, "not ours\n");
        string path = Path.Combine(scratch.Path, "bootroute.prom");
        File.CreateSymbolicLink(path, outside);

        MetricsTextfile.Write(path, Applied(), Finished, TimeSpan.FromSeconds(1));

        Assert.Equal("not ours\n", File.ReadAllText(outside));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal(MetricsTextfile.Format(Applied(), Finished, TimeSpan.FromSeconds(1)), File.ReadAllText(path));
        Assert.Equal(MetricsTextfile.Mode, File.GetUnixFileMode(path));
        Assert.Equal(["bootroute.prom", "outside.prom"], Directory.GetFileSystemEntries(scratch.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_directory_fails_the_write_and_leaves_nothing()
    {
        using var scratch = new ScratchRoot();

        Assert.ThrowsAny<IOException>(() => MetricsTextfile.Write(Path.Combine(scratch.Path, "gone", "bootroute.prom"), Applied(), Finished, TimeSpan.Zero));
        Assert.Empty(Directory.GetFileSystemEntries(scratch.Path));
    }

    [Theory]
    [InlineData("/var/lib/prometheus/node-exporter/bootroute.prom", null)]
    [InlineData("bootroute.prom", "must be an absolute path")]
    [InlineData("/var/lib/bootroute.txt", "must name a file ending in .prom")]
    [InlineData("/var/lib/.prom", "must name a file ending in .prom")]
    public void The_setting_is_an_absolute_prom_file(string value, string? problem)
    {
        string? said = SettingScalars.Check(SettingKind.TextfilePath, value);

        if (problem is null)
        {
            Assert.Null(said);
        }
        else
        {
            Assert.Contains(problem, said, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Off_by_default_and_set_from_the_command_line()
    {
        Assert.Null(AgentSettings.Defaults.Metrics.Textfile);
        using var scratch = new ScratchRoot();
        string config = Path.Combine(scratch.Path, "bootroute.yaml");
        File.WriteAllText(config, "metrics:\n  textfile: /run/y/bootroute.prom\n");
        Assert.Equal("/run/y/bootroute.prom", SettingsLoader.Load(config, new Dictionary<string, string?>(), new Dictionary<string, string>()).Metrics.Textfile);
        var set = SettingsLoader.Load(config, new Dictionary<string, string?> { ["metrics:textfile"] = "/run/x/bootroute.prom" }, new Dictionary<string, string>());
        Assert.Equal("/run/x/bootroute.prom", set.Metrics.Textfile);
    }

    [GeneratedRegex(@"^([a-z_]+)")]
    private static partial Regex SampleName();
}
