namespace BootRoute.Native;

/// <summary>open(2) flags, as glibc's fcntl.h defines them on Linux (x64 and arm64 alike).</summary>
internal static class FileFlags
{
    public const int O_RDONLY = 0;
    public const int O_CLOEXEC = 0x80000;
}
