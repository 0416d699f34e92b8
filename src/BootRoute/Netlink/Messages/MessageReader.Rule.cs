using System.Net;
using BootRoute.Model;

namespace BootRoute.Netlink.Messages;

internal static partial class MessageReader
{
    /// <summary>
    /// RTM_NEWRULE → <see cref="PolicyRule"/> (AF_INET or AF_INET6), or null for other families. Normalised: src_len 0 is
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
        if (header.Family is not (NetlinkConstants.AF_INET or NetlinkConstants.AF_INET6))
        {
            return null;
        }
        int longest = NetlinkConstants.MaxPrefixLength(header.Family);
        if (header.SourceLength > longest || header.DestinationLength > longest)
        {
            // IPNetwork would throw ArgumentOutOfRangeException: name it as the malformed reply it is.
            ThrowHelper.ThrowMalformed("rule dump", $"prefix lengths {header.SourceLength}/{header.DestinationLength}: one is over {longest}");
        }
        bool inet6 = header.Family == NetlinkConstants.AF_INET6;
        var fields = ReadRuleFields(payload[RouteMessageHeader.Size..], header.Family);
        return new PolicyRule(
            fields.Priority,
            Prefix(fields.Source, header.SourceLength, inet6),
            fields.Table ?? header.Table,
            Protocol: fields.Protocol,
            Destination: Prefix(fields.Destination, header.DestinationLength, inet6),
            SuppressPrefixLength: fields.Suppress,
            InputInterface: fields.Input,
            OutputInterface: fields.Output,
            FirewallMark: fields.Mark,
            FirewallMask: fields.Mask is RuleConstants.FullMask || (fields.Mark is null && fields.Mask is 0) ? null : fields.Mask,
            Action: (RuleAction)header.Action,
            Invert: (header.Flags & RuleConstants.FIB_RULE_INVERT) != 0,
            Family: inet6 ? System.Net.Sockets.AddressFamily.InterNetworkV6 : System.Net.Sockets.AddressFamily.InterNetwork)
        {
            HasAttributesBeyondModel = fields.BeyondModel || header.Tos != 0,
        };
    }

    private static RuleFields ReadRuleFields(ReadOnlySpan<byte> attributePayload, byte family)
    {
        var fields = new RuleFields { Protocol = RouteProtocols.Unspecified };
        var attributes = new AttributeReader(attributePayload);
        while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> value))
        {
            switch (type)
            {
                case RuleConstants.FRA_PRIORITY:
                    fields.Priority = AttributeReader.U32(value);
                    break;
                case RuleConstants.FRA_TABLE:
                    fields.Table = AttributeReader.U32(value);
                    break;
                case RuleConstants.FRA_SRC:
                    fields.Source = AttributeReader.Address(value, family);
                    break;
                case RuleConstants.FRA_DST:
                    fields.Destination = AttributeReader.Address(value, family);
                    break;
                case RuleConstants.FRA_PROTOCOL:
                    fields.Protocol = AttributeReader.U8(value);
                    break;
                case RuleConstants.FRA_SUPPRESS_PREFIXLEN:
                    uint length = AttributeReader.U32(value);
                    fields.Suppress = length == RuleConstants.SuppressPrefixLengthUnset ? null : length;
                    break;
                case RuleConstants.FRA_IIFNAME:
                    fields.Input = AttributeReader.String(value);
                    break;
                case RuleConstants.FRA_OIFNAME:
                    fields.Output = AttributeReader.String(value);
                    break;
                case RuleConstants.FRA_FWMARK:
                    fields.Mark = AttributeReader.U32(value);
                    break;
                case RuleConstants.FRA_FWMASK:
                    fields.Mask = AttributeReader.U32(value);
                    break;
                case RuleConstants.FRA_FLOW or RuleConstants.FRA_TUN_ID or RuleConstants.FRA_SUPPRESS_IFGROUP or RuleConstants.FRA_L3MDEV
                    or RuleConstants.FRA_UID_RANGE or RuleConstants.FRA_IP_PROTO or RuleConstants.FRA_SPORT_RANGE or RuleConstants.FRA_DPORT_RANGE:
                    fields.BeyondModel = true;
                    break;
            }
        }
        return fields;
    }

    private static IPNetwork? Prefix(IPAddress? address, byte length, bool inet6) =>
        length == 0 ? null : new IPNetwork(address ?? (inet6 ? IPAddress.IPv6Any : IPAddress.Any), length).Normalize();

    /// <summary>The rule's attributes as the kernel sent them; absent ones stay null (priority 0).</summary>
    private struct RuleFields
    {
        public uint Priority;
        public uint? Table;
        public IPAddress? Source;
        public IPAddress? Destination;
        public byte Protocol;
        public uint? Suppress;
        public string? Input;
        public string? Output;
        public uint? Mark;
        public uint? Mask;

        /// <summary>A realm, tunnel id, suppress_ifgroup, l3mdev, uid range, ip protocol or port range.</summary>
        public bool BeyondModel;
    }
}
