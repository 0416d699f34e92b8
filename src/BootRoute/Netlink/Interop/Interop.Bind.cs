using System.Runtime.InteropServices;
using BootRoute.Native;

namespace BootRoute.Netlink;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>bind(2) with a sockaddr_nl (see <see cref="SockAddrNetlink"/>).</summary>
        [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
        internal static partial int Bind(SafeFileDescriptorHandle socket, SockAddrNetlink* address, uint addressLength);
    }
}
