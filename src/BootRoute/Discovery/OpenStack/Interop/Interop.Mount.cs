using System.Runtime.InteropServices;

namespace BootRoute.Discovery.OpenStack;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>mount(2). <paramref name="data"/> is always null here: no file-system options are needed.</summary>
        [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Mount(string source, string target, string fileSystemType, nuint flags, nint data);
    }
}
