using System.Runtime.Versioning;
using BootRoute.State;
using Xunit;

namespace BootRoute.Tests.State;

/// <summary>
/// state.directory is created rwx------ and refused when another user owns it or group or others may
/// write to it; the run lock waits only for another run, never for a lock file it cannot open.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class StateDirectoryTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("bootroute-statedir-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static uint OwnerOf(string path) => BootRoute.Native.FileStatus.Of(path, out _, followLink: true)!.Value.Owner;

    [Fact]
    public void A_missing_directory_is_created_rwx_for_its_owner_only()
    {
        string directory = Path.Join(_scratch, "run/bootroute");

        StateDirectory.Prepare(directory);

        Assert.Equal(StateDirectory.Mode, File.GetUnixFileMode(directory));
    }

    [Fact]
    public void A_directory_others_may_write_to_is_refused_naming_it_and_its_mode()
    {
        File.SetUnixFileMode(_scratch, StateDirectory.Mode | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);

        var error = Assert.Throws<StateException>(() => StateDirectory.Prepare(_scratch));

        Assert.Equal($"state.directory {_scratch}: group or others may write to it (mode 0723); refusing to keep state there (chmod go-w it)", error.Message);
    }

    [Fact]
    public void A_directory_readable_by_others_but_not_writable_is_accepted()
    {
        File.SetUnixFileMode(_scratch, StateDirectory.Mode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        StateDirectory.Prepare(_scratch);
    }

    [Fact]
    public void A_directory_another_user_owns_is_refused()
    {
        uint owner = OwnerOf(_scratch);

        var error = Assert.Throws<StateException>(() => StateDirectory.Check(_scratch, owner + 1));

        Assert.Equal($"state.directory {_scratch}: owned by uid {owner}, not by uid {owner + 1} that runs bootroute; "
            + "refusing to keep state there (chown it, or choose another state.directory)", error.Message);
    }

    [Fact]
    public void A_file_where_the_directory_should_be_is_refused()
    {
        string file = Path.Join(_scratch, "file");
        File.WriteAllText(file, "");

        var error = Assert.Throws<StateException>(() => StateDirectory.Check(file, OwnerOf(file)));

        Assert.Equal($"state.directory {file}: not a directory", error.Message);
    }

    [Fact]
    public async Task A_link_planted_at_the_lock_name_is_an_error_at_once_and_its_target_is_untouched()
    {
        string outside = Path.Join(Directory.CreateTempSubdirectory("bootroute-host-").FullName, "file");
        try
        {
            File.WriteAllText(outside, "host\n");
            File.CreateSymbolicLink(RunLock.PathIn(_scratch), outside);
            var started = DateTime.UtcNow;

            var error = await Assert.ThrowsAsync<IOException>(() => RunLock.AcquireAsync(_scratch, TimeSpan.FromSeconds(30), _ => { }, CancellationToken.None));

            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "waited for a lock it could never take");
            Assert.Equal($"cannot take the run lock {RunLock.PathIn(_scratch)}: it is a symbolic link", error.Message);
            Assert.Equal("host\n", File.ReadAllText(outside));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(outside)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_lock_file_that_cannot_be_opened_is_an_error_at_once_not_another_run()
    {
        // A directory at the lock's name makes open(2) fail (EISDIR) as a read-only /run (EROFS) or
        // a missing permission (EACCES) would: none of them is contention.
        Directory.CreateDirectory(RunLock.PathIn(_scratch));
        var progress = new List<string>();
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<IOException>(() => RunLock.AcquireAsync(_scratch, TimeSpan.FromSeconds(30), progress.Add, CancellationToken.None));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "waited for a lock it could never take");
        Assert.Empty(progress);
        Assert.Equal($"cannot take the run lock {RunLock.PathIn(_scratch)}: Is a directory", error.Message);
    }

    [Fact]
    public async Task The_lock_file_is_created_rw_for_its_owner_only()
    {
        using var held = await RunLock.AcquireAsync(_scratch, TimeSpan.FromSeconds(1), _ => { }, CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(RunLock.PathIn(_scratch)));
    }
}
