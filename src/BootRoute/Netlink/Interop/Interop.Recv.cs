using System.Runtime.InteropServices;
using BootRoute.Native;

namespace BootRoute.Netlink;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>recv(2). With MSG_TRUNC a netlink socket returns the datagram's real length.</summary>
        [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
        internal static partial nint Recv(SafeFileDescriptorHandle socket, byte* buffer, nint length, int flags);
    }
}
