using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>write(2); <see cref="BootRoute.AtomicFile"/> writes its temporary files with it.</summary>
        [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
        internal static partial nint Write(SafeFileDescriptorHandle fd, byte* buffer, nint count);
    }
}
