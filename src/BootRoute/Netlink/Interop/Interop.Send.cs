using System.Runtime.InteropServices;
using BootRoute.Native;

namespace BootRoute.Netlink;

internal static partial class Interop
{
    internal static unsafe partial class Libc
    {
        /// <summary>send(2). An unconnected netlink socket sends to the kernel (port 0) by default.</summary>
        [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
        internal static partial nint Send(SafeFileDescriptorHandle socket, byte* buffer, nint length, int flags);
    }
}
