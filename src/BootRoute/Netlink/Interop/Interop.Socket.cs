using System.Runtime.InteropServices;

namespace BootRoute.Netlink;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>socket(2). .NET's Socket rejects AF_NETLINK, so the fd is made here.</summary>
        [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
        internal static partial SafeFileDescriptorHandle Socket(int domain, int type, int protocol);
    }
}
