using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>fchmod(2): sets the exact mode on the open file, whatever the umask filtered out of open(2).</summary>
        [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
        internal static partial int FChmod(SafeFileDescriptorHandle fd, uint mode);
    }
}
