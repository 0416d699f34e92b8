namespace BootRoute.Netlink.Messages;

/// <summary>fib_rule_hdr attributes and flags (linux/fib_rules.h).</summary>
internal static class RuleConstants
{
    public const ushort FRA_DST = 1;
    public const ushort FRA_SRC = 2;
    public const ushort FRA_IIFNAME = 3;
    public const ushort FRA_PRIORITY = 6;
    public const ushort FRA_FWMARK = 10;
    public const ushort FRA_FLOW = 11;
    public const ushort FRA_TUN_ID = 12;
    public const ushort FRA_SUPPRESS_IFGROUP = 13;
    public const ushort FRA_SUPPRESS_PREFIXLEN = 14;
    public const ushort FRA_TABLE = 15;
    public const ushort FRA_FWMASK = 16;
    public const ushort FRA_OIFNAME = 17;
    public const ushort FRA_L3MDEV = 19;
    public const ushort FRA_UID_RANGE = 20;
    public const ushort FRA_PROTOCOL = 21;
    public const ushort FRA_IP_PROTO = 22;
    public const ushort FRA_SPORT_RANGE = 23;
    public const ushort FRA_DPORT_RANGE = 24;

    public const uint FIB_RULE_INVERT = 0x2;

    /// <summary>What the kernel reports for "no suppress_prefixlength".</summary>
    public const uint SuppressPrefixLengthUnset = uint.MaxValue;

    /// <summary>The mask the kernel applies when only a mark is given; `ip rule` then prints no mask.</summary>
    public const uint FullMask = uint.MaxValue;
}
