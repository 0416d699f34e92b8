using System.Runtime.InteropServices;
using BootRoute.Native;
using Xunit;

namespace BootRoute.Tests.Writes;

/// <summary>
/// Writes under a root open their directory with openat2(RESOLVE_IN_ROOT) (issue #13): a link swapped
/// into the path after RootPath's walk is resolved inside the root by the kernel, never followed out.
/// </summary>
public sealed partial class RootDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("brfiles-root-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("brfiles-outside-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    // rename(2) itself: File.Move refuses a link to a directory.
    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string from, string to);

    private static void Rename(string from, string to) =>
        Assert.True(RenameNative(from, to) == 0, $"rename {from} {to}: errno {Marshal.GetLastPInvokeError()}");

    private static string Opened(SafeFileDescriptorHandle handle) =>
        new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget!;

    [Theory]
    [InlineData("/")]          // absolute: "/" is the root
    [InlineData("../../../..")] // relative: ".." stops at the root
    public void A_link_in_the_path_is_resolved_inside_the_root_by_the_kernel(string target)
    {
        File.CreateSymbolicLink(Path.Join(_root, "etc"), target);

        using var inRoot = RootPath.OpenDirectory(_root, Path.Join(_root, "etc"));
        using var byPath = RootPath.OpenDirectory(_root, Path.Join(_root, "etc"), kernelResolves: false);

        Assert.Equal(_root, Opened(inRoot));
        Assert.NotEqual(_root, Opened(byPath)); // what a plain open after the walk would have opened
    }

    [Fact]
    public void A_missing_directory_and_one_outside_the_root_are_refused()
    {
        Assert.Throws<DirectoryNotFoundException>(() => RootPath.OpenDirectory(_root, Path.Join(_root, "etc/netplan")));
        Assert.Throws<ArgumentException>(() => RootPath.OpenDirectory(_root, _outside));
    }

    [Fact]
    public async Task A_directory_swapped_for_a_link_out_of_the_root_mid_write_is_never_written_through()
    {
        string etc = Path.Join(_root, "etc");
        string netplan = Path.Join(etc, "netplan");
        Directory.CreateDirectory(netplan);
        string link = Path.Join(etc, "link");
        File.CreateSymbolicLink(link, _outside);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        // The swapper puts the link where the directory was and back, as fast as it can.
        var swapper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Rename(netplan, netplan + ".real");
                Rename(link, netplan);
                Rename(netplan, link);
                Rename(netplan + ".real", netplan);
            }
        });
        int written = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // The path as RootPath's walk gives it while the directory is real.
                AtomicFile.WriteInRoot(_root, Path.Join(netplan, "90-bootroute.yaml"), "network: {}\n"u8, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                written++;
            }
            catch (IOException)
            {
                // Swapped out at that moment: the write fails, which is fine.
            }
        }
        await swapper;

        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
        Assert.True(written > 0, "no write got through at all");
    }
}
