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
        Assert.Contains($"ExecStart={layout.Binary} apply $BOOTROUTE_ARGS", files.Single(file => file.Path == $"{layout.UnitDirectory}/bootroute.service").Content, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("/usr/local")]
    [InlineData("/usr")]
    public void LeaseUnits_AreInstalledBesideTheUnit_AndThePathUnitIsEnabledAsSystemctlEnableWould(string prefix)
    {
        var layout = InstallLayout.ForPrefix(prefix)!;
        var files = InstallManifest.Files(layout);
        var path = files.Single(file => file.Path == $"{layout.UnitDirectory}/bootroute-lease.path");
        var service = files.Single(file => file.Path == $"{layout.UnitDirectory}/bootroute-lease.service");
        Assert.Equal((InstalledKind.Owned, InstalledFile.Readable), (path.Kind, path.Mode));
        Assert.Equal((InstalledKind.Owned, InstalledFile.Readable), (service.Kind, service.Mode));
        var link = files.Single(file => file.Path == "/etc/systemd/system/multi-user.target.wants/bootroute-lease.path");
        Assert.Equal((InstalledKind.Link, path.Path), (link.Kind, link.Content));
        // The service is started by the path unit only: no [Install], no link of its own.
        Assert.DoesNotContain(files, file => file.Kind == InstalledKind.Link && file.Content == service.Path);
        Assert.DoesNotContain("[Install]", service.Content, StringComparison.Ordinal);
        Assert.Contains($"' {layout.Binary} $BOOTROUTE_ARGS\n", service.Content, StringComparison.Ordinal);
        Assert.Equal(layout == InstallLayout.Package, path.Content.Contains("Documentation=man:bootroute(8)", StringComparison.Ordinal));
        Assert.Equal(layout == InstallLayout.Package, service.Content.Contains("Documentation=man:bootroute(8)", StringComparison.Ordinal));
    }

    [Fact]
    public void LeasePath_WatchesNetworkManagersDeviceFiles_OnlyOnceTheBootsApplyIsDone()
    {
        string unit = LeaseUnits.RenderPath();
        Assert.Contains("PathChanged=/run/NetworkManager/devices\n", unit, StringComparison.Ordinal);
        Assert.Contains("Unit=bootroute-lease.service\n", unit, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^After=.*\bbootroute\.service\b", unit);
        Assert.Contains("WantedBy=multi-user.target\n", unit, StringComparison.Ordinal);
        // The default Before=paths.target would be an ordering cycle with After=bootroute.service.
        Assert.Contains("DefaultDependencies=no\n", unit, StringComparison.Ordinal);
        Assert.Contains("Conflicts=shutdown.target\n", unit, StringComparison.Ordinal);
        Assert.Contains("ConditionPathIsDirectory=/run/NetworkManager\n", unit, StringComparison.Ordinal);
    }

    [Fact]
    public void LeaseService_IsAFullApply_ThatReadsTheDefaultsFile_AndBoundsItsStarts()
    {
        string unit = LeaseUnits.RenderService("/usr/sbin/bootroute");
        Assert.Contains("Type=oneshot\n", unit, StringComparison.Ordinal);
        Assert.DoesNotContain("RemainAfterExit", unit, StringComparison.Ordinal);
        Assert.Contains("EnvironmentFile=-/etc/default/bootroute\n", unit, StringComparison.Ordinal);
        Assert.Contains("After=bootroute.service\n", unit, StringComparison.Ordinal);
        Assert.Contains("SyslogIdentifier=bootroute\n", unit, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^StartLimitBurst=\d+$", unit);
        Assert.Matches(@"(?m)^TimeoutStartSec=\d+$", unit);
        string exec = unit.Split('\n').Single(line => line.StartsWith("ExecStart=", StringComparison.Ordinal));
        Assert.DoesNotContain("--interface", exec, StringComparison.Ordinal);
        // Every $ the shell must see is written $$ (systemd's escape); a bare one would be systemd's own substitution.
        Assert.EndsWith(" $BOOTROUTE_ARGS", exec, StringComparison.Ordinal);
        Assert.DoesNotContain("$", exec[..^" $BOOTROUTE_ARGS".Length].Replace("$$", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>
    /// The service's shell line run by the real /bin/sh as systemd hands it over ($$ made $, the
    /// binary and BOOTROUTE_ARGS's words after the script), with /bin/echo as the binary.
    /// </summary>
    [Theory]
    [InlineData(null, "apply --config /x.yaml\n")]
    [InlineData("yes", "apply --config /x.yaml\n")]
    [InlineData("no", "BOOTROUTE_HOOKS is not yes in /etc/default/bootroute: not re-applying\n")]
    [InlineData("", "BOOTROUTE_HOOKS is not yes in /etc/default/bootroute: not re-applying\n")]
    public void LeaseService_RunsTheApply_UnlessTheDefaultsFileTurnsHooksOff(string? hooks, string expected) =>
        Assert.Equal((0, expected), RunLeaseService("/bin/echo", hooks, devices: null));

    /// <summary>
    /// A device file written during the run (here by the "agent" itself, on its first run) runs the
    /// apply again, once the files stay as they were it stops; a failing apply's exit code is the unit's.
    /// </summary>
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void LeaseService_AppliesAgain_WhenNetworkManagerWroteDuringTheRun_AndPassesOnAFailure()
    {
        string directory = Directory.CreateTempSubdirectory("brinst-lease-").FullName;
        try
        {
            string devices = Path.Combine(directory, "devices");
            Directory.CreateDirectory(devices);
            string agent = Path.Combine(directory, "agent");
            File.WriteAllText(agent, $"#!/bin/sh\necho \"$*\" >>{directory}/runs\n[ -e {devices}/3 ] || echo lease >{devices}/3\n");
            File.SetUnixFileMode(agent, InstalledFile.Executable);
            var (code, output) = RunLeaseService(agent, hooks: "yes", devices);
            Assert.Equal((0, "NetworkManager wrote a device file during the run: applying again\n"), (code, output));
            Assert.Equal("apply --config /x.yaml\napply --config /x.yaml\n", File.ReadAllText(Path.Combine(directory, "runs")));

            File.WriteAllText(agent, "#!/bin/sh\nexit 4\n");
            Assert.Equal((4, ""), RunLeaseService(agent, hooks: null, devices));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <returns>The exit code and stdout of the service's ExecStart, its device directory replaced by <paramref name="devices"/>.</returns>
    private static (int Code, string Output) RunLeaseService(string binary, string? hooks, string? devices)
    {
        string exec = LeaseUnits.RenderService(binary).Split('\n').Single(line => line.StartsWith("ExecStart=/bin/sh -c '", StringComparison.Ordinal));
        string script = exec["ExecStart=/bin/sh -c '".Length..exec.LastIndexOf('\'')].Replace("$$", "$", StringComparison.Ordinal);
        Assert.Contains("cat /run/NetworkManager/devices/* ", script, StringComparison.Ordinal);
        if (devices is not null) script = script.Replace("/run/NetworkManager/devices/", devices + "/", StringComparison.Ordinal);
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", script, binary, "--config", "/x.yaml"]) { RedirectStandardOutput = true };
        start.Environment.Remove("BOOTROUTE_HOOKS");
        if (hooks is not null) start.Environment["BOOTROUTE_HOOKS"] = hooks;
        using var shell = System.Diagnostics.Process.Start(start)!;
        string output = shell.StandardOutput.ReadToEnd();
        shell.WaitForExit();
        return (shell.ExitCode, output);
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
