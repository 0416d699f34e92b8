using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// openat(2): a file in an already open directory, so the directory cannot be swapped for a link
        /// between resolving it and creating the file in it. The mode is variadic in C; the fixed
        /// signature is ABI-compatible on x64 and arm64 Linux, as for <see cref="Open(string, int, uint)"/>.
        /// </summary>
        [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int OpenAt(SafeFileDescriptorHandle directory, string path, int flags, uint mode);
    }
}
