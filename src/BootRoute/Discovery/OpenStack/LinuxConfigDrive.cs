using System.Runtime.InteropServices;

namespace BootRoute.Discovery.OpenStack;

/// <summary>
/// The real config drive: <c>/dev/disk/by-label/config-2</c>, mounted read-only, nosuid, nodev and
/// noexec on a fresh private directory for as long as one file is read. Nova writes the drive as
/// ISO 9660 by default and as VFAT with <c>config_drive_format=vfat</c>, so both are tried in that
/// order. Never mounted by tests: see <see cref="IConfigDrive"/>.
/// </summary>
internal sealed class LinuxConfigDrive : IConfigDrive
{
    private static readonly string[] FileSystemTypes = ["iso9660", "vfat"];

    public string Device { get; } = $"{Paths.Leases.DiskByLabelDirectory}/{Paths.Leases.ConfigDriveLabel}";

    public bool IsPresent() => File.Exists(Device);

    public string? ReadFile(string relativePath, List<string> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        string mountPoint;
        try
        {
            // Mode 0700 and a random name: nobody else can look into the drive or race us to the path.
            mountPoint = Directory.CreateTempSubdirectory("bootroute-config-drive-").FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"openstack: cannot create a mount point for {Device}: {e.Message}");
            return null;
        }

        bool mounted = false;
        try
        {
            mounted = Mount(mountPoint, diagnostics);
            if (!mounted)
            {
                return null;
            }
            string file = Path.Combine(mountPoint, relativePath);
            if (!File.Exists(file))
            {
                diagnostics.Add($"openstack: {Device} has no {relativePath} (a config drive older than OpenStack Liberty?)");
                return null;
            }
            return TextFile.Read(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"openstack: cannot read {relativePath} on {Device}: {e.Message}");
            return null;
        }
        finally
        {
            Release(mountPoint, mounted, diagnostics);
        }
    }

    private bool Mount(string mountPoint, List<string> diagnostics)
    {
        const nuint flags = MountFlags.ReadOnly | MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec;
        var failures = new List<string>();
        foreach (string type in FileSystemTypes)
        {
            if (Interop.Libc.Mount(Device, mountPoint, type, flags, 0) == 0)
            {
                return true;
            }
            failures.Add($"{type}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
        diagnostics.Add($"openstack: cannot mount {Device} read-only ({string.Join("; ", failures)})");
        return false;
    }

    /// <summary>
    /// Detaches the mount, then removes the directory without recursion: if the unmount failed, a
    /// recursive delete would walk into the drive, so the empty-directory delete fails instead.
    /// </summary>
    private void Release(string mountPoint, bool mounted, List<string> diagnostics)
    {
        if (mounted && Interop.Libc.Umount2(mountPoint, MountFlags.Detach) != 0)
        {
            diagnostics.Add($"openstack: cannot unmount {Device} from {mountPoint}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            return;
        }
        try
        {
            Directory.Delete(mountPoint, recursive: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"openstack: cannot remove the mount point {mountPoint}: {e.Message}");
        }
    }
}
