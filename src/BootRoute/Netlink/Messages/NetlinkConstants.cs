namespace BootRoute.Netlink.Messages;

/// <summary>nlmsghdr types and flags (linux/netlink.h) and the rtnetlink message types (linux/rtnetlink.h).</summary>
internal static class NetlinkConstants
{
    public const ushort NLMSG_NOOP = 1;
    public const ushort NLMSG_ERROR = 2;
    public const ushort NLMSG_DONE = 3;
    public const ushort NLMSG_OVERRUN = 4;

    public const ushort RTM_NEWLINK = 16;
    public const ushort RTM_GETLINK = 18;
    public const ushort RTM_NEWADDR = 20;
    public const ushort RTM_GETADDR = 22;
    public const ushort RTM_NEWROUTE = 24;
    public const ushort RTM_DELROUTE = 25;
    public const ushort RTM_GETROUTE = 26;
    public const ushort RTM_NEWRULE = 32;
    public const ushort RTM_DELRULE = 33;
    public const ushort RTM_GETRULE = 34;

    public const ushort NLM_F_REQUEST = 0x1;
    public const ushort NLM_F_MULTI = 0x2;
    public const ushort NLM_F_ACK = 0x4;
    public const ushort NLM_F_DUMP_INTR = 0x10;
    public const ushort NLM_F_DUMP = 0x300;
    public const ushort NLM_F_REPLACE = 0x100;
    public const ushort NLM_F_EXCL = 0x200;
    public const ushort NLM_F_CREATE = 0x400;

    /// <summary>On an NLMSG_ERROR: the echoed request was cut to its header (NETLINK_CAP_ACK).</summary>
    public const ushort NLM_F_CAPPED = 0x100;
    /// <summary>On an NLMSG_ERROR: extended-ack attributes follow the echoed request.</summary>
    public const ushort NLM_F_ACK_TLVS = 0x200;

    public const ushort NLMSGERR_ATTR_MSG = 1;

    public const byte AF_UNSPEC = 0;
    public const byte AF_INET = 2;
    public const byte AF_INET6 = 10;

    /// <summary>The rtnetlink family byte of a .NET address family: AF_INET6 for IPv6, else AF_INET.</summary>
    public static byte FamilyOf(System.Net.Sockets.AddressFamily family) =>
        family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? AF_INET6 : AF_INET;

    /// <summary>The longest prefix of a family: 128 for AF_INET6, 32 for AF_INET.</summary>
    public static int MaxPrefixLength(byte family) => family == AF_INET6 ? 128 : 32;

    public const int HeaderSize = 16;
    public const int AttributeHeaderSize = 4;

    /// <summary>Netlink messages and attributes are padded to 4 bytes (NLMSG_ALIGN, RTA_ALIGN).</summary>
    public static int Align(int length) => (length + 3) & ~3;
}
