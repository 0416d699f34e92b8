using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>unlinkat(2): removes a name in an open directory; a link is removed itself, never its target.</summary>
        [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int UnlinkAt(SafeFileDescriptorHandle directory, string path, int flags);
    }
}
