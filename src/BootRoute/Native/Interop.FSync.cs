using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>fsync(2): the file (or the directory entry of a rename) reaches the disk before the run goes on.</summary>
        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        internal static partial int FSync(SafeFileDescriptorHandle fd);
    }
}
