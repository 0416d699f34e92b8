namespace BootRoute.Netlink.Messages;

/// <summary>rtmsg attributes and flags (linux/rtnetlink.h).</summary>
internal static class RouteConstants
{
    public const ushort RTA_DST = 1;
    public const ushort RTA_SRC = 2;
    public const ushort RTA_OIF = 4;
    public const ushort RTA_GATEWAY = 5;
    public const ushort RTA_PRIORITY = 6;
    public const ushort RTA_PREFSRC = 7;
    public const ushort RTA_METRICS = 8;
    public const ushort RTA_MULTIPATH = 9;
    public const ushort RTA_FLOW = 11;
    public const ushort RTA_ENCAP = 22;
    public const ushort RTA_NH_ID = 30;
    public const ushort RTA_TABLE = 15;

    /// <summary>A per-destination cache entry, not a configured route; dumps may contain them.</summary>
    public const uint RTM_F_CLONED = 0x200;
    /// <summary>On RTM_GETROUTE: report the table the lookup matched in, not the route's own header byte.</summary>
    public const uint RTM_F_LOOKUP_TABLE = 0x1000;
    /// <summary>RTNH_F_ONLINK: the gateway is on the link even though no prefix on it covers it.</summary>
    public const uint RTNH_F_ONLINK = 0x4;

    /// <summary>The 8-bit rtm_table used when the real id (≥ 256) only fits in RTA_TABLE.</summary>
    public const byte RT_TABLE_UNSPEC = 0;

    /// <summary>struct rtnexthop: rtnh_len u16, rtnh_flags u8, rtnh_hops u8, rtnh_ifindex i32.</summary>
    public const int NextHopHeaderSize = 8;

    public static byte HeaderTable(uint table) => table < 256 ? (byte)table : RT_TABLE_UNSPEC;
}
