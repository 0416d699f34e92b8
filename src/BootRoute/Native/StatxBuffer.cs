using System.Runtime.InteropServices;

namespace BootRoute.Native;

/// <summary>
/// struct statx (linux/stat.h), 256 bytes on every architecture; only the members BootRoute reads are
/// named, at their fixed offsets.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct StatxBuffer
{
    /// <summary>Which members the kernel filled in (STATX_*).</summary>
    [FieldOffset(0)] public uint Mask;

    /// <summary>File type and permission bits, as st_mode.</summary>
    [FieldOffset(28)] public ushort Mode;

    [FieldOffset(32)] public ulong Inode;

    [FieldOffset(40)] public ulong Size;

    /// <summary>The device the file is on (stx_dev_major, stx_dev_minor): with <see cref="Inode"/>, which file it is.</summary>
    [FieldOffset(136)] public uint DeviceMajor;

    [FieldOffset(140)] public uint DeviceMinor;

    /// <summary>The S_IF* file type (<see cref="StatxConstants"/>).</summary>
    public readonly int Type => Mode & StatxConstants.S_IFMT;
}
