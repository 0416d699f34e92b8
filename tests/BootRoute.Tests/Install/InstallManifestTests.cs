using BootRoute.Install;
using BootRoute.Settings;
using BootRoute.Stages;
using Xunit;

namespace BootRoute.Tests.Install;

public sealed class InstallManifestTests
{
    [Fact]
    public void Layouts_PutBinaryAndUnitWhereEachInstallerExpects()
    {
        Assert.Equal("/usr/local/sbin/bootroute", InstallLayout.Local.Binary);
        Assert.Equal("/etc/systemd/system", InstallLayout.Local.UnitDirectory);
        Assert.Equal("/usr/sbin/bootroute", InstallLayout.Package.Binary);
        Assert.Equal("/usr/lib/systemd/system", InstallLayout.Package.UnitDirectory);
        Assert.Same(InstallLayout.Local, InstallLayout.ForPrefix("/usr/local/"));
        Assert.Null(InstallLayout.ForPrefix("/opt"));
    }

    [Theory]
    [InlineData("/usr/local")]
    [InlineData("/usr")]
    public void EveryGeneratedFile_NamesTheLayoutsBinary(string prefix)
    {
        var layout = InstallLayout.ForPrefix(prefix)!;
        var files = InstallManifest.Files(layout);
        Assert.Equal(files.Count, files.Select(file => file.Path).Distinct().Count());
        Assert.Contains($"ExecStart={layout.Binary} apply $BOOTROUTE_ARGS", files.Single(file => file.Path.EndsWith(".service", StringComparison.Ordinal) && file.Kind == InstalledKind.Owned).Content, StringComparison.Ordinal);
        foreach (var hook in new[] { Paths.Install.DhclientExitHook, Paths.Install.DhclientRhelHook, Paths.Install.DhcpcdHook, Paths.Install.NetworkManagerDispatcher, Paths.Install.NetworkdDispatcher })
        {
            Assert.Contains($"BOOTROUTE_BIN={layout.Binary} ", files.Single(file => file.Path == hook).Content, StringComparison.Ordinal);
        }
        Assert.Contains($"BOOTROUTE_BIN={layout.Binary}\n", files.Single(file => file.Path == Paths.Install.Environment).Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_RetriesWhatALaterTryCanFix_ButNeverABadConfiguration()
    {
        string unit = SystemdUnit.Render("/usr/sbin/bootroute");
        Assert.Contains("Type=notify\nNotifyAccess=main\nRemainAfterExit=yes\n", unit, StringComparison.Ordinal);
        Assert.Contains("After=network-online.target\n", unit, StringComparison.Ordinal);
        Assert.Contains("Before=cloud-final.service\n", unit, StringComparison.Ordinal);
        Assert.Contains($"RestartPreventExitStatus={BootRoute.Reporting.ExitCodes.UsageOrConfiguration} {BootRoute.Reporting.ExitCodes.InternalError}\n", unit, StringComparison.Ordinal);
        Assert.Matches(@"TimeoutStartSec=\d+", unit);
    }

    [Fact]
    public void Unit_NamesTheManPageOnlyWhereTheInstallHasOne()
    {
        Assert.Contains("Documentation=man:bootroute(8)\n", SystemdUnit.Render("/usr/sbin/bootroute", manPage: true), StringComparison.Ordinal);
        Assert.DoesNotContain("Documentation=", SystemdUnit.Render("/usr/local/sbin/bootroute", manPage: false), StringComparison.Ordinal);
    }

    [Fact]
    public void ExecutedHooks_StartWithAShebang_SourcedOnesDoNot()
    {
        Assert.StartsWith("#!/bin/sh\n", DhcpHooks.NetworkManager("/b"), StringComparison.Ordinal);
        Assert.StartsWith("#!/bin/sh\n", DhcpHooks.Networkd("/b"), StringComparison.Ordinal);
        Assert.StartsWith("# BootRoute", DhcpHooks.Dhclient("/b"), StringComparison.Ordinal);
        Assert.StartsWith("# BootRoute", DhcpHooks.Dhcpcd("/b"), StringComparison.Ordinal);
        Assert.StartsWith("# BootRoute", DhcpHooks.DhclientRhel("/b"), StringComparison.Ordinal);
        // Sourced into the client's own script: no exit outside the subshell.
        string body = DhcpHooks.Dhclient("/b");
        Assert.DoesNotContain("exit", body[..body.IndexOf('(', StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultSettingsFile_LoadsAsTheBuiltInDefaults()
    {
        string directory = Directory.CreateTempSubdirectory("brinst-settings-").FullName;
        try
        {
            string path = Path.Combine(directory, "bootroute.yaml");
            File.WriteAllText(path, DefaultFiles.Settings);
            var settings = SettingsLoader.Load(path, new Dictionary<string, string?>(), new Dictionary<string, string>());
            Assert.True(settings.IsAutomatic);
            Assert.Equal(AgentSettings.Defaults.Routing, settings.Routing);
            Assert.Equal(AgentSettings.Defaults.Discovery, settings.Discovery);

            // Every commented key, uncommented, is a valid setting: the template cannot drift from the schema.
            string uncommented = string.Join('\n', DefaultFiles.Settings.Split('\n')
                .Where(line => line.Length > 1 && line[0] == '#' && (line[1] != ' ' || line.StartsWith("#  ", StringComparison.Ordinal)))
                .Select(line => line[1..]));
            File.WriteAllText(path, uncommented);
            var full = SettingsLoader.Load(path, new Dictionary<string, string?>(), new Dictionary<string, string>());
            Assert.True(full.Interfaces.Count == 2 && full.Sysctl.ArpFlux == false && full.Verify.Timeout == TimeSpan.FromSeconds(2), uncommented);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void EnvironmentFile_IsPlainAssignmentsOnly_SoSystemdAndShBothReadIt()
    {
        foreach (var line in DefaultFiles.EnvironmentFile("/usr/sbin/bootroute").Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            Assert.Matches("^BOOTROUTE_[A-Z_]+=(|[^ ]+)$", line);
            // Not settings: a settings variable needs "__", so the agent leaves these alone.
            Assert.DoesNotContain("__", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void InstallRecord_RoundTrips()
    {
        var record = new InstallRecord("/usr/local", ["/etc/default/bootroute"], ["/etc/bootroute", "/var/lib/bootroute"]);
        Assert.Equivalent(record, InstallRecord.Parse(record.Render()));
        Assert.Null(InstallRecord.Parse("file /x\n"));
        var merged = record.Including(["/etc/default/bootroute", "/usr/local/sbin/bootroute"], ["/etc/bootroute"]);
        Assert.Equal(["/etc/default/bootroute", "/usr/local/sbin/bootroute"], merged.Files);
        Assert.Equal(["/etc/bootroute", "/var/lib/bootroute"], merged.Directories);
    }
}
