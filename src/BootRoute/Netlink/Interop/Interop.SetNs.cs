using System.Runtime.InteropServices;
using BootRoute.Native;

namespace BootRoute.Netlink;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>setns(2): moves the calling thread (not the process) into another namespace.</summary>
        [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
        internal static partial int SetNs(SafeFileDescriptorHandle fd, int namespaceType);
    }
}
