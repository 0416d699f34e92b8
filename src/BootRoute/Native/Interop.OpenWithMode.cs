using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// open(2) with O_CREAT and its mode. C declares the mode as a variadic argument; a fixed
        /// (string, int, uint) signature is ABI-compatible with it on the x64 and arm64 Linux ABIs, where
        /// variadic integer arguments travel in the same registers as named ones. The mode is still
        /// filtered by the umask, so callers that need an exact mode fchmod the descriptor as well.
        /// </summary>
        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Open(string path, int flags, uint mode);
    }
}
