namespace BootRoute.Netlink.Messages;

/// <summary>fib_rule_hdr attributes and flags (linux/fib_rules.h).</summary>
internal static class RuleConstants
{
    public const ushort FRA_DST = 1;
    public const ushort FRA_SRC = 2;
    public const ushort FRA_IIFNAME = 3;
    public const ushort FRA_PRIORITY = 6;
    public const ushort FRA_FWMARK = 10;
    public const ushort FRA_SUPPRESS_PREFIXLEN = 14;
    public const ushort FRA_TABLE = 15;
    public const ushort FRA_FWMASK = 16;
    public const ushort FRA_OIFNAME = 17;
    public const ushort FRA_PROTOCOL = 21;

    public const uint FIB_RULE_INVERT = 0x2;

    /// <summary>What the kernel reports for "no suppress_prefixlength".</summary>
    public const uint SuppressPrefixLengthUnset = uint.MaxValue;

    /// <summary>The mask the kernel applies when only a mark is given; `ip rule` then prints no mask.</summary>
    public const uint FullMask = uint.MaxValue;
}
