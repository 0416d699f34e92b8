namespace BootRoute.Native;

/// <summary>open(2) flags, as glibc's fcntl.h defines them on Linux (x64 and arm64 alike).</summary>
internal static class FileFlags
{
    public const int O_RDONLY = 0;
    public const int O_CLOEXEC = 0x80000;

    /// <summary>
    /// Opening a FIFO for reading does not wait for a writer, and reading an empty one returns at once;
    /// on a regular file it changes nothing (regular files never block in the sense O_NONBLOCK means).
    /// </summary>
    public const int O_NONBLOCK = 0x800;
}
