namespace BootRoute.Netlink;

/// <summary>The socket, file and namespace numbers from the Linux UAPI headers this layer uses.</summary>
internal static class SocketConstants
{
    public const int AF_NETLINK = 16;
    public const int SOCK_RAW = 3;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int NETLINK_ROUTE = 0;

    public const int SOL_NETLINK = 270;
    /// <summary>Errors carry the kernel's own explanation (NLMSGERR_ATTR_MSG), since Linux 4.12.</summary>
    public const int NETLINK_EXT_ACK = 11;
    /// <summary>Error replies stop echoing our whole request back, which keeps them small.</summary>
    public const int NETLINK_CAP_ACK = 10;

    public const int MSG_PEEK = 0x2;
    public const int MSG_TRUNC = 0x20;

    public const int CLONE_NEWNET = 0x40000000;

    /// <summary>
    /// A kernel dump datagram is at most 32 KiB on current kernels (and grows only up to what
    /// earlier receives offered), so 64 KiB holds any of them; a bigger one is sized by MSG_PEEK|MSG_TRUNC.
    /// </summary>
    public const int ReceiveBufferSize = 64 * 1024;

    /// <summary>Every request BootRoute builds fits easily: headers plus a handful of small attributes.</summary>
    public const int RequestBufferSize = 512;
}
