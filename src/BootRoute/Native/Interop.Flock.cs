using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>flock(2): the run lock, dropped by the kernel when the process dies.</summary>
        [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
        internal static partial int Flock(SafeFileDescriptorHandle fd, int operation);
    }
}
