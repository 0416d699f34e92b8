using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>
        /// statx(2) on an open descriptor (<see cref="StatxConstants.AT_EMPTY_PATH"/> with an empty path): fstat(2)'s answer
        /// in a layout that is the same on every architecture (struct stat is not: x64 and arm64 differ).
        /// Not fstat itself: glibc exports a plain <c>fstat</c> symbol only since 2.33 (before, it was an
        /// inline wrapper around <c>__fxstat</c>), and libc is bound when linking (DirectPInvoke), so the
        /// binary would not even start on RHEL 8 or Debian 11. <c>statx</c> is exported since glibc 2.28.
        /// </summary>
        [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Statx(SafeFileDescriptorHandle dirfd, string path, int flags, uint mask, StatxBuffer* buffer);

        /// <summary>
        /// statx(2) by path (relative to <paramref name="directory"/>, e.g. AT_FDCWD) into raw bytes that
        /// <see cref="FileStatus"/> reads: the same call as <see cref="Statx"/>, bound a second time for paths.
        /// </summary>
        [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int StatxAt(int directory, string path, int flags, uint mask, byte* buffer);
    }
}
