using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>read(2); <see cref="TextFile"/> reads sysctls and lease files with it.</summary>
        [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
        internal static partial nint Read(SafeFileDescriptorHandle fd, byte* buffer, nint count);
    }
}
