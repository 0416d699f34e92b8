using System.Runtime.Versioning;
using BootRoute.Persistence;
using BootRoute.Tests.Persistence;
using Xunit;

namespace BootRoute.Tests.Writes;

/// <summary>A kill -9 during persistence leaves temporary files; the next write removes its own, and nothing else.</summary>
[SupportedOSPlatform("linux")]
public sealed class LeftoverTests
{
    private const string Hooks = "etc/dhcp/dhclient-enter-hooks.d";

    [Fact]
    public void The_next_persistence_write_removes_its_own_leftovers_and_only_those()
    {
        using var root = new ScratchRoot();
        string ownNew = $"{Hooks}/.bootroute-defroute.bootroute-0123abcd.tmp";
        string ownOld = $"{Hooks}/.bootroute-defroute.4242.tmp";
        string strangers = $"{Hooks}/.other-hook.4242.tmp";
        string notHex = $"{Hooks}/.x.bootroute-notahex!.tmp";
        string someoneElses = $"{Hooks}/resolvconf";
        root.With(ownNew, "half").With(ownOld, "half").With(strangers, "theirs").With(notHex, "theirs").With(someoneElses, "theirs")
            .With("etc/netplan/.50-cloud-init.yaml.bootroute-00000000.tmp", "half")
            .With("etc/unrelated/.x.bootroute-00000000.tmp", "not a directory persistence writes");

        var result = new Persister(root.Files).Write([]);

        Assert.Null(root.Read(ownNew));
        Assert.Null(root.Read(ownOld));
        Assert.Null(root.Read("etc/netplan/.50-cloud-init.yaml.bootroute-00000000.tmp"));
        Assert.Equal("theirs", root.Read(strangers));
        Assert.Equal("theirs", root.Read(notHex));
        Assert.Equal("theirs", root.Read(someoneElses));
        Assert.NotNull(root.Read("etc/unrelated/.x.bootroute-00000000.tmp"));
        Assert.Equal(
            [$"removed 1 temporary file an interrupted run left in {root.Path}/etc/netplan",
             $"removed 2 temporary files an interrupted run left in {root.Path}/etc/dhcp/dhclient-enter-hooks.d"],
            result.Notes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_link_with_a_leftover_name_is_left_alone_and_so_is_its_target()
    {
        using var root = new ScratchRoot();
        string outside = Path.Join(Directory.CreateTempSubdirectory("bootroute-host-").FullName, "file");
        try
        {
            File.WriteAllText(outside, "host\n");
            root.With($"{Hooks}/bootroute-defroute", "#!/bin/sh\n");
            File.CreateSymbolicLink(Path.Join(root.Path, Hooks, ".bootroute-defroute.bootroute-0123abcd.tmp"), outside);

            var result = new Persister(root.Files).Write([]);

            Assert.Empty(result.Notes);
            Assert.Equal("host\n", File.ReadAllText(outside));
            Assert.NotNull(new FileInfo(Path.Join(root.Path, Hooks, ".bootroute-defroute.bootroute-0123abcd.tmp")).LinkTarget);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(outside)!, recursive: true);
        }
    }

    [Theory]
    [InlineData(".bootroute-defroute.4242.tmp", true)]
    [InlineData("bootroute-defroute.bootroute-new", true)]
    [InlineData(".bootroute-defroute.tmp", false)]
    [InlineData(".bootroute-defroute.42a.tmp", false)]
    [InlineData(".other.4242.tmp", false)]
    [InlineData("bootroute-defroute", false)]
    public void Earlier_versions_temporary_names_are_recognised_only_for_the_files_bootroute_writes(string file, bool leftover)
    {
        Assert.Equal(leftover, AtomicFile.IsOldLeftover(file, "bootroute-defroute"));
    }
}
