using System.Runtime.InteropServices;
using BootRoute.Native;

namespace BootRoute.Netlink;

/// <summary>
/// The raw NETLINK_ROUTE socket: the only code that makes syscalls on it. Requests and replies are
/// plain bytes here; <see cref="RtnetlinkClient"/> frames them. EINTR is retried in
/// <see cref="Retry"/> and nowhere else.
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    private readonly SafeFileDescriptorHandle _handle;

    private NetlinkSocket(SafeFileDescriptorHandle handle) => _handle = handle;

    /// <summary>Creates the socket in the calling thread's current network namespace.</summary>
    public static NetlinkSocket Create()
    {
        int fd = Interop.Libc.Socket(
            SocketConstants.AF_NETLINK, SocketConstants.SOCK_RAW | SocketConstants.SOCK_CLOEXEC, SocketConstants.NETLINK_ROUTE);
        if (fd < 0)
        {
            ThrowHelper.ThrowSystemCallFailed("socket", Marshal.GetLastPInvokeError(), "AF_NETLINK NETLINK_ROUTE");
        }
        var handle = new SafeFileDescriptorHandle(fd);

        var socket = new NetlinkSocket(handle);
        try
        {
            socket.EnableOption(SocketConstants.NETLINK_EXT_ACK);
            socket.EnableOption(SocketConstants.NETLINK_CAP_ACK);
            socket.Bind();
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return socket;
    }

    public void Send(ReadOnlySpan<byte> request)
    {
        fixed (byte* pointer = request)
        {
            nint sent = Retry(&Interop.Libc.Send, _handle, pointer, request.Length, 0);
            if (sent < 0)
            {
                ThrowHelper.ThrowSystemCallFailed("send", (int)-sent, "netlink request");
            }
        }
    }

    /// <summary>
    /// Receives one datagram into <paramref name="buffer"/>, first growing it when the datagram would
    /// not fit (netlink drops the tail of a truncated datagram, which would lose dump entries).
    /// </summary>
    public ReadOnlySpan<byte> Receive(ref byte[] buffer)
    {
        nint length;
        fixed (byte* pointer = buffer)
        {
            length = Retry(&Interop.Libc.Recv, _handle, pointer, buffer.Length, SocketConstants.MSG_PEEK | SocketConstants.MSG_TRUNC);
        }
        if (length < 0)
        {
            ThrowHelper.ThrowSystemCallFailed("recv", (int)-length, "netlink reply");
        }
        if (length > buffer.Length)
        {
            buffer = new byte[length];
        }
        fixed (byte* pointer = buffer)
        {
            length = Retry(&Interop.Libc.Recv, _handle, pointer, buffer.Length, 0);
        }
        if (length < 0)
        {
            ThrowHelper.ThrowSystemCallFailed("recv", (int)-length, "netlink reply");
        }
        return buffer.AsSpan(0, (int)length);
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>Runs send or recv, retrying EINTR; returns the byte count or the negated errno.</summary>
    private static nint Retry(
        delegate*<SafeFileDescriptorHandle, byte*, nint, int, nint> call,
        SafeFileDescriptorHandle handle,
        byte* buffer,
        nint length,
        int flags)
    {
        while (true)
        {
            nint result = call(handle, buffer, length, flags);
            if (result >= 0)
            {
                return result;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                return -errno;
            }
        }
    }

    private void EnableOption(int option)
    {
        int enabled = 1;
        if (Interop.Libc.SetSockOpt(_handle, SocketConstants.SOL_NETLINK, option, &enabled, sizeof(int)) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            // Kernels before 4.12 lack NETLINK_EXT_ACK: errors then simply come without the kernel's text.
            if (errno != Errno.ENOPROTOOPT)
            {
                ThrowHelper.ThrowSystemCallFailed("setsockopt", errno, $"SOL_NETLINK {option}");
            }
        }
    }

    private void Bind()
    {
        // Port id 0 lets the kernel pick a unique one, so several agents or tests never collide.
        var address = new SockAddrNetlink { Family = SocketConstants.AF_NETLINK };
        if (Interop.Libc.Bind(_handle, &address, (uint)sizeof(SockAddrNetlink)) != 0)
        {
            ThrowHelper.ThrowSystemCallFailed("bind", Marshal.GetLastPInvokeError(), "AF_NETLINK");
        }
    }
}
