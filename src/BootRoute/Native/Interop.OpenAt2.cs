using System.Runtime.InteropServices;

namespace BootRoute.Native;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>openat2's number on x86_64 and arm64 alike (the generic table's 437).</summary>
        internal const long SYS_openat2 = 437;

        /// <summary>
        /// openat2(2) through syscall(2): glibc has no wrapper before 2.39 (and Debian 12's is 2.36).
        /// syscall is variadic in C; every argument is passed as a register-sized integer, which the
        /// x64 and arm64 Linux ABIs pass in the same registers as fixed arguments.
        /// </summary>
        [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
        internal static unsafe partial long Syscall(long number, nint directory, byte* path, OpenHow* how, nuint size);
    }
}
