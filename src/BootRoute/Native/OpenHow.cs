using System.Runtime.InteropServices;

namespace BootRoute.Native;

/// <summary>struct open_how (linux/openat2.h): 24 bytes, every member 64-bit.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OpenHow
{
    public ulong Flags;
    public ulong Mode;
    public ulong Resolve;

    /// <summary>Resolve every component as if the directory were "/": absolute links and ".." stay inside it.</summary>
    public const ulong RESOLVE_IN_ROOT = 0x10;

    /// <summary>No /proc/self/fd-style magic links, which could point anywhere.</summary>
    public const ulong RESOLVE_NO_MAGICLINKS = 0x02;
}
