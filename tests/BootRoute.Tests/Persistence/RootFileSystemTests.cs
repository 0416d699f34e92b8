using BootRoute.Persistence;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>The real file system under a scratch root: atomic writes, modes, and links resolved inside the root.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RootFileSystemTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bootroute-root-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("bootroute-outside-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public void Writes_create_directories_set_the_exact_mode_and_leave_no_temporary_file()
    {
        var files = new RootFileSystem(_root);

        files.WriteAtomically("/etc/netplan/90-bootroute.yaml", "network: {}\n", PersistedFile.Private);

        string path = Path.Join(_root, "etc/netplan/90-bootroute.yaml");
        Assert.Equal("network: {}\n", File.ReadAllText(path));
        Assert.Equal(PersistedFile.Private, File.GetUnixFileMode(path));
        Assert.Equal(["90-bootroute.yaml"], files.FileNames("/etc/netplan"));
        Assert.Equal(PersistedFile.Private, files.ModeOf("/etc/netplan/90-bootroute.yaml"));
    }

    [Fact]
    public void An_absolute_link_inside_the_tree_resolves_under_the_root_not_on_this_machine()
    {
        Directory.CreateDirectory(Path.Join(_root, "usr/share/netplan-etc"));
        Directory.CreateDirectory(Path.Join(_root, "etc"));
        // As an image would have it: /etc/netplan -> /usr/share/netplan-etc (absolute, meant for the image).
        File.CreateSymbolicLink(Path.Join(_root, "etc/netplan"), "/usr/share/netplan-etc");
        // And a link that points straight out of the tree.
        File.CreateSymbolicLink(Path.Join(_root, "etc/escape"), _outside);
        var files = new RootFileSystem(_root);

        files.WriteAtomically("/etc/netplan/90-bootroute.yaml", "a\n", PersistedFile.Private);
        files.WriteAtomically("/etc/escape/x", "b\n", PersistedFile.Readable);

        Assert.Equal("a\n", File.ReadAllText(Path.Join(_root, "usr/share/netplan-etc/90-bootroute.yaml")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
        Assert.Equal("b\n", File.ReadAllText(Path.Join(_root, _outside, "x")));
        Assert.Equal("a\n", files.ReadText("/etc/netplan/90-bootroute.yaml"));
    }

    [Fact]
    public void Dot_dot_never_leaves_the_root()
    {
        var files = new RootFileSystem(_root);

        files.WriteAtomically("/../../etc/x", "c\n", PersistedFile.Readable);

        Assert.Equal("c\n", File.ReadAllText(Path.Join(_root, "etc/x")));
    }

    [Fact]
    public void Missing_files_read_as_null_and_empty_and_deleting_leaves_empty_directories_only_when_asked()
    {
        var files = new RootFileSystem(_root);
        Assert.Null(files.ReadText("/etc/nothing"));
        Assert.Empty(files.FileNames("/etc/none"));
        Assert.Null(files.ModeOf("/etc/nothing"));

        files.WriteAtomically("/etc/systemd/network/a.network.d/90-bootroute.conf", "x\n", PersistedFile.Readable);
        files.Delete("/etc/systemd/network/a.network.d/90-bootroute.conf");
        Assert.True(files.DirectoryExists("/etc/systemd/network/a.network.d"));
        files.DeleteDirectoryIfEmpty("/etc/systemd/network/a.network.d");

        Assert.False(files.DirectoryExists("/etc/systemd/network/a.network.d"));
        Assert.Equal(Path.Join(_root, "/etc/x"), files.Describe("/etc/x"));
        Assert.Equal("/etc/x", new RootFileSystem("/").Describe("/etc/x"));
    }

    [Fact]
    public void A_directory_of_the_image_with_more_entries_than_the_limit_is_refused_by_name()
    {
        string connections = Path.Join(_root, "etc/NetworkManager/system-connections");
        Directory.CreateDirectory(connections);
        for (int i = 0; i <= DirectoryEntries.MaximumEntries; i++)
        {
            File.WriteAllText(Path.Join(connections, $"junk{i}.nmconnection"), "");
        }
        var files = new RootFileSystem(_root);

        var e = Assert.Throws<DirectoryEntries.TooManyEntriesException>(() => files.FileNames("/etc/NetworkManager/system-connections"));

        Assert.StartsWith($"{connections}: refused: more than {DirectoryEntries.MaximumEntries} entries", e.Message, StringComparison.Ordinal);
        File.Delete(Path.Join(connections, "junk0.nmconnection"));
        Assert.Equal(DirectoryEntries.MaximumEntries, files.FileNames("/etc/NetworkManager/system-connections").Count);
    }
}
