using System.Runtime.Versioning;
using BootRoute.Install;
using Xunit;

namespace BootRoute.Tests.Install;

[SupportedOSPlatform("linux")]
public sealed class InstallerTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("brinst-root-").FullName;
    private readonly string binary;

    public InstallerTests()
    {
        binary = Path.Combine(Directory.CreateTempSubdirectory("brinst-bin-").FullName, "bootroute");
        File.WriteAllText(binary, "#!/bin/sh\necho stand-in\n");
    }

    public void Dispose()
    {
        Directory.Delete(root, recursive: true);
        Directory.Delete(Path.GetDirectoryName(binary)!, recursive: true);
    }

    private string Under(string path) => Path.Join(root, path);

    [Fact]
    public void Install_PlacesEveryListedFile_WithItsModeAndContent()
    {
        new Installer(root).Install(InstallLayout.Local, binary, "");

        foreach (var file in InstallManifest.Files(InstallLayout.Local))
        {
            string path = Under(file.Path);
            if (file.Kind == InstalledKind.Link)
            {
                Assert.Equal(file.Content, new FileInfo(path).LinkTarget);
                continue;
            }
            Assert.Equal(file.Mode, File.GetUnixFileMode(path));
            Assert.Equal(file.Kind == InstalledKind.Binary ? File.ReadAllText(binary) : file.Content, File.ReadAllText(path));
        }
        Assert.True(File.Exists(Under(Paths.Install.Record)));
    }

    [Fact]
    public void Uninstall_AfterInstall_LeavesAnEmptyRootEmpty()
    {
        var installer = new Installer(root);
        installer.Install(InstallLayout.Local, binary, "");
        installer.Uninstall();
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public void Install_KeepsExistingSettings_AndUninstallKeepsEditedOnes()
    {
        Directory.CreateDirectory(Under("/etc/bootroute"));
        File.WriteAllText(Under("/etc/bootroute/bootroute.yaml"), "verify:\n  timeout: 5s\n");
        var installer = new Installer(root);

        var lines = installer.Install(InstallLayout.Local, binary, "");
        Assert.Contains("kept       /etc/bootroute/bootroute.yaml (already there)", lines);
        Assert.Equal("verify:\n  timeout: 5s\n", File.ReadAllText(Under("/etc/bootroute/bootroute.yaml")));

        // /etc/default/bootroute was installed; editing it keeps it through uninstall.
        File.AppendAllText(Under("/etc/default/bootroute"), "BOOTROUTE_HOOKS=no\n");
        var removed = installer.Uninstall();
        Assert.Contains("kept       /etc/default/bootroute (edited since install)", removed);
        Assert.True(File.Exists(Under("/etc/default/bootroute")));
        Assert.True(File.Exists(Under("/etc/bootroute/bootroute.yaml")));
        Assert.False(File.Exists(Under("/usr/local/sbin/bootroute")));
        Assert.False(Directory.Exists(Under("/usr")));
    }

    [Fact]
    public void Reinstall_RemembersTheDirectoriesTheFirstInstallCreated()
    {
        var installer = new Installer(root);
        installer.Install(InstallLayout.Local, binary, "");
        installer.Install(InstallLayout.Local, binary, "");
        installer.Uninstall();
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public void Install_WithAnotherPrefixOverAnExistingInstall_IsRefused()
    {
        var installer = new Installer(root);
        installer.Install(InstallLayout.Local, binary, "");
        var error = Assert.Throws<InstallException>(() => installer.Install(InstallLayout.Package, binary, ""));
        Assert.Contains("already has an install with --prefix /usr/local", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uninstall_WithoutARecord_RemovesListedFilesOnly()
    {
        Directory.CreateDirectory(Under("/etc/dhcp/dhclient-exit-hooks.d"));
        File.WriteAllText(Under(Paths.Install.DhclientExitHook), "old hook");
        File.WriteAllText(Under("/etc/dhcp/dhclient-exit-hooks.d/debug"), "theirs");

        var lines = new Installer(root).Uninstall();

        Assert.Contains($"removed    {Paths.Install.DhclientExitHook}", lines);
        Assert.True(File.Exists(Under("/etc/dhcp/dhclient-exit-hooks.d/debug")));
    }

    [Theory]
    [InlineData("relative/root", "--root relative/root: must be an absolute path")]
    [InlineData("/nonexistent/bootroute-test-root", "--root /nonexistent/bootroute-test-root: no such directory")]
    public void BadRoot_IsRefusedBeforeAnythingIsWritten(string badRoot, string message)
    {
        var error = Assert.Throws<InstallException>(() => new Installer(badRoot));
        Assert.Equal(message, error.Message);
    }

    private static void Mkfifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public async Task A_record_planted_as_a_fifo_is_refused_at_once_and_nothing_is_installed()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Under(Paths.Install.Record))!);
        Mkfifo(Under(Paths.Install.Record));

        var error = await Task.Run(() => Assert.Throws<IOException>(() => new Installer(root).Install(InstallLayout.Local, binary, "")))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.EndsWith(": refused: a FIFO, not a regular file", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Under(Paths.Config.File)));
    }

    [Fact]
    public void Uninstall_keeps_a_settings_file_replaced_by_a_link_and_does_not_read_through_it()
    {
        var installer = new Installer(root);
        installer.Install(InstallLayout.Local, binary, "");
        string outside = Path.Combine(Path.GetDirectoryName(binary)!, "same-content.yaml");
        File.WriteAllText(outside, File.ReadAllText(Under(Paths.Config.File)));
        File.Delete(Under(Paths.Config.File));
        File.CreateSymbolicLink(Under(Paths.Config.File), outside);

        var lines = installer.Uninstall();

        Assert.Contains($"kept       {Paths.Config.File} (a link, not the file installed)", lines);
        Assert.NotNull(new FileInfo(Under(Paths.Config.File)).LinkTarget);
    }

    [Fact]
    public async Task Uninstall_keeps_a_settings_path_that_is_a_fifo_without_waiting_on_it()
    {
        var installer = new Installer(root);
        installer.Install(InstallLayout.Local, binary, "");
        File.Delete(Under(Paths.Config.File));
        Mkfifo(Under(Paths.Config.File));

        var lines = await Task.Run(installer.Uninstall).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains(lines, line => line.StartsWith($"kept       {Paths.Config.File} (not compared: ", StringComparison.Ordinal)
            && line.EndsWith(": refused: a FIFO, not a regular file)", StringComparison.Ordinal));
    }
}
