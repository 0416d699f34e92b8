namespace BootRoute.Native;

/// <summary>statx(2)'s flags and mask bits, and st_mode's file types, as linux/stat.h and fcntl.h define them (every architecture).</summary>
internal static class StatxConstants
{
    public const int AT_EMPTY_PATH = 0x1000;
    public const uint STATX_TYPE = 0x1;
    public const uint STATX_INO = 0x100;
    public const uint STATX_SIZE = 0x200;

    public const int S_IFMT = 0xF000;
    public const int S_IFREG = 0x8000;
    public const int S_IFDIR = 0x4000;
    public const int S_IFCHR = 0x2000;
    public const int S_IFBLK = 0x6000;
    public const int S_IFIFO = 0x1000;
    public const int S_IFSOCK = 0xC000;
}
