using System.Globalization;
using BootRoute.Native;

namespace BootRoute.State;

/// <summary>
/// state.directory holds what remove trusts (state.json) and the lock: a directory another user can
/// write to could plant a state file, or a link where the agent writes. It is created rwx------ (never
/// left to the umask) and refused when someone else owns it or group or others may write to it.
/// </summary>
public static class StateDirectory
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const uint GroupOrOthersWrite = 0x12; // 022

    /// <summary>Creates the directory when missing, then checks it is safe to keep state in.</summary>
    /// <exception cref="StateException">Someone else owns it, group or others may write to it, or it is not a directory.</exception>
    /// <exception cref="IOException">It cannot be created (a read-only file system, say).</exception>
    public static void Prepare(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, Mode);
            File.SetUnixFileMode(directory, Mode); // the umask may have taken bits away; it adds none
        }
        Check(directory, Interop.Libc.GetEUid());
    }

    /// <summary>The check alone, for a given user (tests run as anyone).</summary>
    internal static void Check(string directory, uint user)
    {
        if (FileStatus.Of(directory, out int errno, followLink: true) is not { } status)
        {
            throw new IOException($"state.directory {directory}: {Errno.Describe(errno)}", errno);
        }
        if (!status.IsDirectory)
        {
            throw new StateException($"state.directory {directory}: not a directory");
        }
        if (status.Owner != user)
        {
            throw new StateException($"state.directory {directory}: owned by uid {status.Owner}, not by uid {user} that runs bootroute; "
                + "refusing to keep state there (chown it, or choose another state.directory)");
        }
        if ((status.Permissions & GroupOrOthersWrite) != 0)
        {
            string mode = Convert.ToString(status.Permissions, 8).PadLeft(4, '0');
            throw new StateException(string.Create(CultureInfo.InvariantCulture,
                $"state.directory {directory}: group or others may write to it (mode {mode}); refusing to keep state there (chmod go-w it)"));
        }
    }
}
