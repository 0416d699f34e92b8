using BootRoute.Install;
using BootRoute.Model;
using BootRoute.Naming;
using BootRoute.State;
using Xunit;

namespace BootRoute.Tests.Writes;

/// <summary>
/// Temporary files a killed run left outside persistence's directories (issue #13): the state
/// directory, iproute2's name files, an install's directories. Each writer takes only its own.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OwnLeftoverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brfiles-leftovers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Put(string relative, string content = "half")
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Only_of_names_takes_the_temporary_files_of_those_names_and_no_others()
    {
        string own = Put(".state.json.bootroute-0123abcd.tmp");
        string old = Put(".state.json.4242.tmp");
        string status = Put(".status.json.bootroute-0123abcd.tmp");

        var removed = AtomicFile.RemoveLeftovers(_dir, ["state.json"], onlyOfNames: true);

        Assert.Equal([".state.json.4242.tmp", ".state.json.bootroute-0123abcd.tmp"], removed);
        Assert.False(File.Exists(own));
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(status));
    }

    [Fact]
    public void Saving_the_state_takes_its_own_leftovers_but_not_a_status_write_in_flight()
    {
        Directory.Delete(_dir, recursive: true);
        Directory.CreateDirectory(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string own = Put(".state.json.bootroute-0123abcd.tmp");
        string status = Put(".status.json.bootroute-0123abcd.tmp");
        string link = Path.Combine(_dir, ".state.json.bootroute-feedbeef.tmp");
        File.CreateSymbolicLink(link, status);

        new FileStateStore(_dir).Save(AppliedState.Empty);

        Assert.False(File.Exists(own));
        Assert.True(File.Exists(status));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.True(File.Exists(Path.Combine(_dir, "state.json")));
    }

    [Fact]
    public void Writing_the_route_names_takes_bootroute_confs_leftovers_only()
    {
        string own = Put("etc/iproute2/rt_tables.d/.bootroute.conf.bootroute-0123abcd.tmp");
        string theirs = Put("etc/iproute2/rt_tables.d/.other.conf.bootroute-0123abcd.tmp", "theirs");
        string protocols = Put("etc/iproute2/rt_protos.d/.bootroute.conf.bootroute-00000000.tmp");

        new RouteNameFiles(_dir).Write(Persistence.PersistenceSamples.Plan());

        Assert.False(File.Exists(own));
        Assert.False(File.Exists(protocols));
        Assert.True(File.Exists(theirs));
    }

    [Fact]
    public void Install_takes_the_temporary_files_an_interrupted_install_left_and_says_so()
    {
        string hooks = Path.GetDirectoryName(Paths.Install.DhcpcdHook)!;
        string hookName = Path.GetFileName(Paths.Install.DhcpcdHook);
        string own = Put($"{hooks.TrimStart('/')}/.{hookName}.bootroute-0123abcd.tmp");
        string theirs = Put($"{hooks.TrimStart('/')}/.other-hook.bootroute-0123abcd.tmp", "theirs");
        string binary = Put("stand-in/bootroute", "#!/bin/sh\n");

        var lines = new Installer(_dir).Install(InstallLayout.Local, binary, "");

        Assert.False(File.Exists(own));
        Assert.True(File.Exists(theirs));
        Assert.Contains($"removed    1 temporary file an interrupted install left in {hooks}", lines);
    }
}
