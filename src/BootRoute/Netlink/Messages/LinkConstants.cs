namespace BootRoute.Netlink.Messages;

/// <summary>ifinfomsg and ifaddrmsg attributes and flags (linux/if_link.h, linux/if_addr.h, linux/if.h).</summary>
internal static class LinkConstants
{
    public const ushort IFLA_ADDRESS = 1;
    public const ushort IFLA_IFNAME = 3;
    public const ushort IFLA_MTU = 4;
    public const ushort IFLA_MASTER = 10;
    public const ushort IFLA_LINKINFO = 18;
    public const ushort IFLA_INFO_KIND = 1;

    public const uint IFF_UP = 0x1;
    public const uint IFF_LOOPBACK = 0x8;

    public const ushort IFA_ADDRESS = 1;
    public const ushort IFA_LOCAL = 2;
    public const ushort IFA_LABEL = 3;
    public const ushort IFA_FLAGS = 8;

    public const uint IFA_F_SECONDARY = 0x01;
    public const uint IFA_F_TEMPORARY = 0x01;
    public const uint IFA_F_DADFAILED = 0x08;
    public const uint IFA_F_DEPRECATED = 0x20;
    public const uint IFA_F_TENTATIVE = 0x40;
    public const uint IFA_F_PERMANENT = 0x80;
}
