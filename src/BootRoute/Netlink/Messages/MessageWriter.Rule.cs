using BootRoute.Model;

namespace BootRoute.Netlink.Messages;

internal ref partial struct MessageWriter
{
    /// <summary>
    /// RTM_NEWRULE / RTM_DELRULE for <paramref name="rule"/> in its <see cref="PolicyRule.Family"/>, attributes in iproute2's order. "from all"
    /// is simply no FRA_SRC. The kernel's delete matches every selector that is present (priority,
    /// src, dst, marks, interfaces, table, protocol, suppress), so sending the whole rule deletes
    /// exactly this rule, as `ip rule del` with the full rule does.
    /// </summary>
    public static ReadOnlySpan<byte> Rule(Span<byte> buffer, ushort type, ushort flags, uint sequence, PolicyRule rule)
    {
        byte family = NetlinkConstants.FamilyOf(rule.Family);
        var writer = new MessageWriter(buffer, type, flags, sequence);
        writer.Write(new RouteMessageHeader
        {
            Family = family,
            DestinationLength = (byte)(rule.Destination?.PrefixLength ?? 0),
            SourceLength = (byte)(rule.Source?.PrefixLength ?? 0),
            Tos = 0,
            Table = RouteConstants.HeaderTable(rule.Table),
            Protocol = 0,
            Scope = 0,
            Type = (byte)rule.Action,
            Flags = rule.Invert ? RuleConstants.FIB_RULE_INVERT : 0,
        });
        writer.AddU32(RuleConstants.FRA_PRIORITY, rule.Priority);
        if (rule.Source is { } source)
        {
            writer.AddAddress(RuleConstants.FRA_SRC, source.Normalize().BaseAddress, family);
        }
        if (rule.Destination is { } destination)
        {
            writer.AddAddress(RuleConstants.FRA_DST, destination.Normalize().BaseAddress, family);
        }
        if (rule.FirewallMark is { } mark)
        {
            writer.AddU32(RuleConstants.FRA_FWMARK, mark);
        }
        if (rule.FirewallMask is { } mask)
        {
            writer.AddU32(RuleConstants.FRA_FWMASK, mask);
        }
        if (rule.InputInterface is { } input)
        {
            writer.AddString(RuleConstants.FRA_IIFNAME, input);
        }
        if (rule.OutputInterface is { } output)
        {
            writer.AddString(RuleConstants.FRA_OIFNAME, output);
        }
        if (rule.Table != RoutingTables.Unspecified)
        {
            writer.AddU32(RuleConstants.FRA_TABLE, rule.Table);
        }
        if (rule.SuppressPrefixLength is { } suppress)
        {
            writer.AddU32(RuleConstants.FRA_SUPPRESS_PREFIXLEN, suppress);
        }
        if (rule.Protocol != RouteProtocols.Unspecified)
        {
            writer.AddU8(RuleConstants.FRA_PROTOCOL, rule.Protocol);
        }
        return writer.Finish();
    }
}
