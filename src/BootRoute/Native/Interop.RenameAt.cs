using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// renameat(2) within one open directory: replaces the target name in one step and never follows a
        /// link at either name (a link at the target is replaced, not written through).
        /// </summary>
        [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int RenameAt(SafeFileDescriptorHandle fromDirectory, string from, SafeFileDescriptorHandle toDirectory, string to);
    }
}
