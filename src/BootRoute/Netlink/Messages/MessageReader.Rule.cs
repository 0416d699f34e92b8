using System.Net;
using BootRoute.Model;

namespace BootRoute.Netlink.Messages;

internal static partial class MessageReader
{
    /// <summary>
    /// RTM_NEWRULE → <see cref="PolicyRule"/>, or null for other families. Normalised: src_len 0 is
    /// "from all" (null), FRA_TABLE beats the 8-bit header table, FRA_SUPPRESS_PREFIXLEN 0xFFFFFFFF
    /// and a full 0xFFFFFFFF fwmask (the kernel's defaults) become null, a missing FRA_PRIORITY is
    /// priority 0 (the kernel omits it for the "local" rule).
    /// </summary>
    public static PolicyRule? ReadRule(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < RouteMessageHeader.Size)
        {
            ThrowHelper.ThrowMalformed("rule dump", "short fib_rule_hdr");
        }
        var header = RouteMessageHeader.Read(payload);
        if (header.Family != NetlinkConstants.AF_INET)
        {
            return null;
        }
        uint priority = 0;
        uint? table = null;
        IPAddress? source = null;
        IPAddress? destination = null;
        byte protocol = RouteProtocols.Unspecified;
        uint? suppress = null;
        string? input = null;
        string? output = null;
        uint? mark = null;
        uint? mask = null;

        var attributes = new AttributeReader(payload[RouteMessageHeader.Size..]);
        while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> value))
        {
            switch (type)
            {
                case RuleConstants.FRA_PRIORITY:
                    priority = AttributeReader.U32(value);
                    break;
                case RuleConstants.FRA_TABLE:
                    table = AttributeReader.U32(value);
                    break;
                case RuleConstants.FRA_SRC:
                    source = AttributeReader.IPv4(value);
                    break;
                case RuleConstants.FRA_DST:
                    destination = AttributeReader.IPv4(value);
                    break;
                case RuleConstants.FRA_PROTOCOL:
                    protocol = AttributeReader.U8(value);
                    break;
                case RuleConstants.FRA_SUPPRESS_PREFIXLEN:
                    uint length = AttributeReader.U32(value);
                    suppress = length == RuleConstants.SuppressPrefixLengthUnset ? null : length;
                    break;
                case RuleConstants.FRA_IIFNAME:
                    input = AttributeReader.String(value);
                    break;
                case RuleConstants.FRA_OIFNAME:
                    output = AttributeReader.String(value);
                    break;
                case RuleConstants.FRA_FWMARK:
                    mark = AttributeReader.U32(value);
                    break;
                case RuleConstants.FRA_FWMASK:
                    mask = AttributeReader.U32(value);
                    break;
            }
        }

        return new PolicyRule(
            priority,
            Prefix(source, header.SourceLength),
            table ?? header.Table,
            protocol,
            Prefix(destination, header.DestinationLength),
            suppress,
            input,
            output,
            mark,
            mask is RuleConstants.FullMask || (mark is null && mask is 0) ? null : mask,
            (RuleAction)header.Action,
            Invert: (header.Flags & RuleConstants.FIB_RULE_INVERT) != 0);
    }

    private static IPNetwork? Prefix(IPAddress? address, byte length) =>
        length == 0 ? null : new IPNetwork(address ?? IPAddress.Any, length).Normalize();
}
