using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using BootRoute.Install;
using BootRoute.Model;
using BootRoute.Persistence;
using BootRoute.Reporting;
using BootRoute.State;
using Xunit;

namespace BootRoute.Tests.Writes;

/// <summary>
/// Every write as root goes through <see cref="AtomicFile"/>: a link planted at a temporary name the
/// old code used, or at the target itself, never makes a write land outside, and the mode is exactly
/// the one asked for whatever the umask.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class AtomicFileTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Shared = Private | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    private readonly string _root = Directory.CreateTempSubdirectory("bootroute-writes-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("bootroute-host-").FullName;
    private readonly string _hostFile;

    public AtomicFileTests()
    {
        _hostFile = Path.Join(_outside, "passwd");
        File.WriteAllText(_hostFile, "host file\n");
        File.SetUnixFileMode(_hostFile, Private);
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);

    [Theory]
    [InlineData(0u)]
    [InlineData(0x3Fu)] // 077
    public void The_mode_is_exactly_the_one_asked_for_whatever_the_umask(uint umask)
    {
        string path = Path.Join(_root, "file");
        uint previous = Umask(umask);
        try
        {
            AtomicFile.Write(path, "x"u8, Shared);
            Assert.Equal(Shared, File.GetUnixFileMode(path));
            AtomicFile.Write(path, "y"u8, Private);
            Assert.Equal(Private, File.GetUnixFileMode(path));
        }
        finally
        {
            _ = Umask(previous);
        }
        Assert.Equal("y", File.ReadAllText(path));
        Assert.Equal(["file"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void A_link_at_the_target_is_replaced_not_written_through()
    {
        string path = Path.Join(_root, "status.json");
        File.CreateSymbolicLink(path, _hostFile);

        AtomicFile.Write(path, "new\n"u8, Shared);

        AssertHostFileUntouched();
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal("new\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_failed_write_leaves_no_temporary_file()
    {
        string path = Path.Join(_root, "directory");
        Directory.CreateDirectory(Path.Join(path, "inside")); // rename(2) cannot replace a non-empty directory

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(path, "x"u8, Private));

        Assert.Equal(["directory"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void Temporary_names_are_random_and_recognisable_as_leftovers()
    {
        string one = AtomicFile.TemporaryName("bootroute-hook");
        string two = AtomicFile.TemporaryName("bootroute-hook");

        Assert.NotEqual(one, two);
        Assert.Matches(@"^\.bootroute-hook\.bootroute-[0-9a-f]{8}\.tmp$", one);
        Assert.True(AtomicFile.IsLeftover(one));
        Assert.False(AtomicFile.IsLeftover("bootroute-hook"));
        Assert.False(AtomicFile.IsLeftover(".bootroute-hook.swp"));
        Assert.False(AtomicFile.IsLeftover(".x.bootroute-1234567.tmp"));
    }

    [Fact]
    public void Status_and_state_files_ignore_links_at_their_old_temporary_names_and_at_themselves()
    {
        File.CreateSymbolicLink(Path.Join(_root, "status.json.tmp"), _hostFile);
        File.CreateSymbolicLink(Path.Join(_root, "state.json.tmp"), _hostFile);
        File.CreateSymbolicLink(Path.Join(_root, "state.json"), _hostFile);

        StatusFile.Write(_root, new Report("apply", 0, "ok"));
        new FileStateStore(_root).Save(AppliedState.Empty);

        AssertHostFileUntouched();
        Assert.Equal(StatusFile.Mode, File.GetUnixFileMode(Path.Join(_root, "status.json")));
        Assert.Equal(FileStateStore.Mode, File.GetUnixFileMode(Path.Join(_root, "state.json")));
    }

    [Fact]
    public void Install_never_writes_through_a_link_planted_in_the_image()
    {
        string binary = Path.Join(_outside, "bootroute");
        File.WriteAllText(binary, "#!/bin/sh\n");
        var targets = InstallManifest.Files(InstallLayout.Local).Where(file => file.Kind is InstalledKind.Binary or InstalledKind.Owned).ToList();
        Assert.NotEmpty(targets);
        foreach (var file in targets)
        {
            string target = Path.Join(_root, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // The name the old installer used, and the target itself, both pointing at a host file.
            File.CreateSymbolicLink(target + ".bootroute-new", _hostFile);
            File.CreateSymbolicLink(target, _hostFile);
        }

        new Installer(_root).Install(InstallLayout.Local, binary, "");

        AssertHostFileUntouched();
        foreach (var file in targets)
        {
            Assert.Equal(file.Mode, File.GetUnixFileMode(Path.Join(_root, file.Path)));
        }
    }

    [Fact]
    public void Persistence_never_writes_through_a_link_at_its_old_temporary_name()
    {
        Directory.CreateDirectory(Path.Join(_root, "etc/netplan"));
        File.CreateSymbolicLink(Path.Join(_root, $"etc/netplan/.90-bootroute.yaml.{Environment.ProcessId}.tmp"), _hostFile);

        new RootFileSystem(_root).WriteAtomically("/etc/netplan/90-bootroute.yaml", "network: {}\n", PersistedFile.Private);

        AssertHostFileUntouched();
        Assert.Equal("network: {}\n", File.ReadAllText(Path.Join(_root, "etc/netplan/90-bootroute.yaml")));
    }

    private void AssertHostFileUntouched()
    {
        Assert.Equal("host file\n", File.ReadAllText(_hostFile, Encoding.UTF8));
        Assert.Equal(Private, File.GetUnixFileMode(_hostFile));
        Assert.Equal(["passwd"], Directory.GetFileSystemEntries(_outside).Select(Path.GetFileName).Where(name => name != "bootroute"));
    }
}
