using System.Runtime.InteropServices;

namespace BootRoute.Netlink;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// socket(2). .NET's Socket rejects AF_NETLINK, so the fd is made here. Returns the plain int:
        /// a SafeHandle return would widen it to nint without sign extension, turning -1 into a "valid" handle.
        /// </summary>
        [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
        internal static partial int Socket(int domain, int type, int protocol);
    }
}
