using System.Runtime.InteropServices;

namespace BootRoute.Native;

/// <summary>open(2) flags, as glibc's fcntl.h defines them on Linux (x64 and arm64 alike, except where noted).</summary>
internal static class FileFlags
{
    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_RDWR = 2;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_CLOEXEC = 0x80000;

    /// <summary>
    /// Opening a FIFO for reading does not wait for a writer, and reading an empty one returns at once;
    /// on a regular file it changes nothing (regular files never block in the sense O_NONBLOCK means).
    /// </summary>
    public const int O_NONBLOCK = 0x800;

    /// <summary>
    /// A descriptor that names a file without opening it for I/O (010000000 on x64 and arm64 alike):
    /// no driver's open runs, so a device node or a FIFO can be looked at (fstat) with no side effect.
    /// </summary>
    public const int O_PATH = 0x200000;

    /// <summary>0200000 on x64, 040000 on arm64 (which keeps 32-bit ARM's values).</summary>
    public static int O_DIRECTORY { get; } = IsArm64 ? 0x4000 : 0x10000;

    /// <summary>0400000 on x64, 0100000 on arm64.</summary>
    public static int O_NOFOLLOW { get; } = IsArm64 ? 0x8000 : 0x20000;

    /// <summary>flock(2) operations.</summary>
    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;

    /// <summary>The *at(2) calls: relative to the working directory; do not follow a link at the last name.</summary>
    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;

    private static bool IsArm64 => RuntimeInformation.ProcessArchitecture == Architecture.Arm64;
}
