using System.Runtime.InteropServices;
using BootRoute.Native;

namespace BootRoute.Netlink;

public sealed partial class RtnetlinkClient
{
    /// <summary>
    /// Opens a client. With <paramref name="networkNamespacePath"/> (e.g. /var/run/netns/NAME, or
    /// /proc/PID/ns/net) the socket is created inside that network namespace and stays bound to it for
    /// its whole life, while this process and thread remain where they were: only the calling thread
    /// enters the namespace, for the one socket() call, and always goes back. Tests use this to work
    /// on a lab namespace without ever touching the machine's own routes.
    /// </summary>
    public static RtnetlinkClient Open(string? networkNamespacePath = null)
    {
        if (networkNamespacePath is null)
        {
            return new RtnetlinkClient(NetlinkSocket.Create());
        }

        using SafeFileDescriptorHandle target = OpenNamespace(networkNamespacePath);
        using SafeFileDescriptorHandle home = OpenNamespace(Paths.Kernel.ThreadNetworkNamespace);
        if (Interop.Libc.SetNs(target, SocketConstants.CLONE_NEWNET) != 0)
        {
            ThrowHelper.ThrowSystemCallFailed("setns", Marshal.GetLastPInvokeError(), networkNamespacePath);
        }
        try
        {
            return new RtnetlinkClient(NetlinkSocket.Create());
        }
        finally
        {
            if (Interop.Libc.SetNs(home, SocketConstants.CLONE_NEWNET) != 0)
            {
                // A pool thread left in a foreign namespace would silently aim every later socket of
                // this process at the wrong routing tables; stopping is the only safe answer.
                Environment.FailFast($"setns back to {Paths.Kernel.ThreadNetworkNamespace} failed with errno {Marshal.GetLastPInvokeError()}");
            }
        }
    }

    private static SafeFileDescriptorHandle OpenNamespace(string path)
    {
        int fd = Native.Interop.Libc.Open(path, FileFlags.O_RDONLY | FileFlags.O_CLOEXEC);
        if (fd < 0)
        {
            ThrowHelper.ThrowSystemCallFailed("open", Marshal.GetLastPInvokeError(), path);
        }
        return new SafeFileDescriptorHandle(fd);
    }
}
