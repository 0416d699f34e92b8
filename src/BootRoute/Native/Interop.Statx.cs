using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>
        /// statx(2) into a <see cref="StatxBuffer"/>: unlike struct stat its layout is the same on x64
        /// and arm64, so one binding serves both.
        /// </summary>
        [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
    }
}
