using System.Runtime.InteropServices;
using BootRoute.Native;

namespace BootRoute.Netlink;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
        internal static partial int SetSockOpt(SafeFileDescriptorHandle socket, int level, int name, int* value, uint valueLength);
    }
}
