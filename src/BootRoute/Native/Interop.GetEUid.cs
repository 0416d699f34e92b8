using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>geteuid(2): the user the run acts as, which must own state.directory.</summary>
        [LibraryImport("libc", EntryPoint = "geteuid")]
        internal static partial uint GetEUid();
    }
}
