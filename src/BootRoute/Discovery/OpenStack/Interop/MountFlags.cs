namespace BootRoute.Discovery.OpenStack;

/// <summary>The mount(2) and umount2(2) flags BootRoute uses, from &lt;sys/mount.h&gt;.</summary>
internal static class MountFlags
{
    public const nuint ReadOnly = 1;   // MS_RDONLY
    public const nuint NoSuid = 2;     // MS_NOSUID
    public const nuint NoDev = 4;      // MS_NODEV
    public const nuint NoExec = 8;     // MS_NOEXEC

    /// <summary>MNT_DETACH: unmount even if something still has a file open, instead of failing with EBUSY.</summary>
    public const int Detach = 2;
}
