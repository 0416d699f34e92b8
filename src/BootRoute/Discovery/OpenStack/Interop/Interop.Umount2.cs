using System.Runtime.InteropServices;

namespace BootRoute.Discovery.OpenStack;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>umount2(2).</summary>
        [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Umount2(string target, int flags);
    }
}
