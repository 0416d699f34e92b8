using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// open(2) without the variadic mode argument: it is only read with O_CREAT, which is never passed,
        /// and the fixed-argument call is ABI-compatible on the x64 and arm64 Linux ABIs. Returns the
        /// plain int for the same reason as <see cref="Socket"/>.
        /// </summary>
        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Open(string path, int flags);
    }
}
