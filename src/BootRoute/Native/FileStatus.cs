namespace BootRoute.Native;

/// <summary>What statx(2) says about a path: its owner and its mode bits (type and permissions).</summary>
internal readonly record struct FileStatus(uint Owner, uint Mode)
{
    // S_IFMT, S_IFDIR, S_IFLNK
    private const int TypeMask = 0xF000;
    private const int TypeDirectory = 0x4000;
    private const int TypeLink = 0xA000;
    private const uint STATX_TYPE = 0x1;
    private const uint STATX_MODE = 0x2;
    private const uint STATX_UID = 0x8;

    // struct statx: stx_uid at byte 20, stx_mode (16 bits) at byte 28; 256 bytes in all.
    private const int BufferSize = 256;
    private const int UidOffset = 20;
    private const int ModeOffset = 28;

    public bool IsDirectory => (Mode & TypeMask) == TypeDirectory;

    public bool IsLink => (Mode & TypeMask) == TypeLink;

    /// <summary>The permission bits (rwx for owner, group, others, and setuid/setgid/sticky).</summary>
    public uint Permissions => Mode & 0xFFF;

    /// <summary>The path's status (of a link at its last name itself, unless <paramref name="followLink"/>); the errno on failure.</summary>
    public static unsafe FileStatus? Of(string path, out int errno, bool followLink = false)
    {
        byte* buffer = stackalloc byte[BufferSize];
        int flags = followLink ? 0 : FileFlags.AT_SYMLINK_NOFOLLOW;
        if (Interop.Libc.StatxAt(FileFlags.AT_FDCWD, path, flags, STATX_TYPE | STATX_MODE | STATX_UID, buffer) != 0)
        {
            errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            return null;
        }
        errno = 0;
        return new FileStatus(*(uint*)(buffer + UidOffset), *(ushort*)(buffer + ModeOffset));
    }
}
