using System.Runtime.Versioning;
using BootRoute.Install;
using BootRoute.Persistence;
using Xunit;

namespace BootRoute.Tests.Writes;

/// <summary>
/// configuration.md promises that links inside persist.root "resolve inside it"; install --root keeps
/// the same promise. Only scratch directories: a link to "/etc" must land in ROOT/etc.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RootPathTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bootroute-image-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("bootroute-host-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public void A_link_to_slash_etc_inside_the_root_writes_into_the_roots_etc()
    {
        Directory.CreateDirectory(Path.Join(_root, "etc"));
        File.CreateSymbolicLink(Path.Join(_root, "etc/netplan"), "/etc");
        // A name no host has, so the assertion below about the host's /etc is meaningful and harmless.
        string name = $"90-bootroute-test-{Guid.NewGuid():N}.yaml";

        new RootFileSystem(_root).WriteAtomically($"/etc/netplan/{name}", "network: {}\n", PersistedFile.Private);

        Assert.Equal("network: {}\n", File.ReadAllText(Path.Join(_root, "etc", name)));
        Assert.False(File.Exists(Path.Join("/etc", name)));
    }

    [Fact]
    public void Resolving_clamps_absolute_relative_and_dot_dot_links_to_the_root()
    {
        Directory.CreateDirectory(Path.Join(_root, "etc/a"));
        File.CreateSymbolicLink(Path.Join(_root, "etc/abs"), _outside);
        File.CreateSymbolicLink(Path.Join(_root, "etc/a/up"), "../../../../../../..");
        File.CreateSymbolicLink(Path.Join(_root, "etc/loop"), "/etc/loop");

        Assert.Equal(Path.Join(_root, _outside, "x"), RootPath.Resolve(_root, "/etc/abs/x"));
        Assert.Equal(Path.Join(_root, "x"), RootPath.Resolve(_root, "/etc/a/up/x"));
        Assert.Equal(Path.Join(_root, "etc/abs"), RootPath.Resolve(_root, "/etc/abs", followLast: false));
        Assert.Contains("too many levels of symbolic links", Assert.Throws<IOException>(() => RootPath.Resolve(_root, "/etc/loop/x")).Message);
    }

    [Fact]
    public void Install_into_a_root_whose_directories_link_out_of_it_writes_inside_it()
    {
        string binary = Path.Join(_outside, "bootroute");
        File.WriteAllText(binary, "#!/bin/sh\n");
        string hostDirectory = Path.Join(_outside, "host-etc");
        Directory.CreateDirectory(hostDirectory);
        // Every top directory the manifest writes to is a link straight to a directory of the build host.
        var tops = InstallManifest.Files(InstallLayout.Local).Select(file => file.Path.Split('/')[1]).Distinct(StringComparer.Ordinal).ToList();
        foreach (string top in tops)
        {
            File.CreateSymbolicLink(Path.Join(_root, top), hostDirectory);
        }

        new Installer(_root).Install(InstallLayout.Local, binary, "");

        Assert.Empty(Directory.EnumerateFileSystemEntries(hostDirectory));
        var unit = InstallManifest.Files(InstallLayout.Local).First(file => file.Kind == InstalledKind.Binary);
        Assert.True(File.Exists(Path.Join(_root, hostDirectory, unit.Path.Split('/', 3)[2])));
    }
}
