using System.Text.Json;
using Xunit;

namespace BootRoute.Lab;

/// <summary>
/// Issue 17: install and uninstall as a new user meets them: `--json` prints JSON, options that would
/// do nothing are refused (exit 2, nothing written), and `--root`'s help states its default once.
/// Only scratch roots are written.
/// </summary>
public sealed class InstallCommandLineTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("bootroute-install-cli-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static ProcessResult Agent(params string[] args) => ProcessRunner.Run(RepoPaths.AgentBinary(), args, TimeSpan.FromSeconds(60));

    [Fact]
    public void Install_and_uninstall_with_json_print_one_json_object_each()
    {
        string root = Path.Combine(_scratch, "root");
        Directory.CreateDirectory(root);

        var install = Agent("install", "--root", root, "--json");
        Assert.True(install.ExitCode == 0, install.ToString());
        using (var report = JsonDocument.Parse(install.Stdout))
        {
            Assert.Equal("install", report.RootElement.GetProperty("command").GetString());
            Assert.Equal(0, report.RootElement.GetProperty("exitCode").GetInt32());
            Assert.Contains(report.RootElement.GetProperty("changes").EnumerateArray(),
                line => line.GetString()!.Contains("/usr/local/sbin/bootroute", StringComparison.Ordinal));
        }

        var uninstall = Agent("uninstall", "--root", root, "--json");
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        using var removed = JsonDocument.Parse(uninstall.Stdout);
        Assert.Equal("uninstall", removed.RootElement.GetProperty("command").GetString());
        Assert.NotEqual(0, removed.RootElement.GetProperty("changes").GetArrayLength());

        var bad = Agent("install", "--root", Path.Combine(_scratch, "missing"), "--json");
        Assert.Equal(2, bad.ExitCode);
        using var error = JsonDocument.Parse(bad.Stdout);
        Assert.Equal(2, error.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Contains("nothing changed", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("install", "--config", "/etc/bootroute/other.yaml")]
    [InlineData("install", "--set", "verify.timeout=5s")]
    [InlineData("uninstall", "--config", "/etc/bootroute/other.yaml")]
    public void An_option_that_would_do_nothing_is_refused_and_nothing_is_written(string command, string option, string value)
    {
        string root = Path.Combine(_scratch, "untouched");
        Directory.CreateDirectory(root);

        var run = Agent(command, "--root", root, option, value);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal($"bootroute: {command}: --config and --set do nothing here ({command} reads no settings; install lays the default settings file, edit it afterwards); nothing changed\n", run.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(root));
    }

    [Theory]
    [InlineData("install")]
    [InlineData("uninstall")]
    public void Root_help_says_its_default_once(string command)
    {
        var help = Agent(command, "--help");

        Assert.True(help.ExitCode == 0, help.ToString());
        string line = help.Stdout.Split('\n').Single(text => text.TrimStart().StartsWith("--root", StringComparison.Ordinal));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(line, "default"));
        Assert.Contains("[default: /]", line, StringComparison.Ordinal);
    }
}
