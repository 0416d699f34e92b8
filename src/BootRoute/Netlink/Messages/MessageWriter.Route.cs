using System.Net;
using BootRoute.Model;

namespace BootRoute.Netlink.Messages;

internal ref partial struct MessageWriter
{
    /// <summary>
    /// RTM_NEWROUTE / RTM_DELROUTE for <paramref name="route"/>, in the family of its destination. Attributes come in iproute2's order
    /// (dst, gateway, prefsrc, table, oif, priority) so captures of `ip route add` compare byte for
    /// byte, except that RTA_TABLE is always sent: tables ≥ 256 exist only there, and sending it for
    /// small ids too keeps one code path.
    /// </summary>
    public static ReadOnlySpan<byte> Route(
        Span<byte> buffer, ushort type, ushort flags, uint sequence, Route route, int outputInterfaceIndex)
    {
        byte family = NetlinkConstants.FamilyOf(route.Destination.BaseAddress.AddressFamily);
        var writer = new MessageWriter(buffer, type, flags, sequence);
        writer.Write(new RouteMessageHeader
        {
            Family = family,
            DestinationLength = (byte)route.Destination.PrefixLength,
            SourceLength = 0,
            Tos = 0,
            Table = RouteConstants.HeaderTable(route.Table),
            Protocol = route.Protocol,
            Scope = (byte)route.Scope,
            Type = (byte)route.Type,
            Flags = route.OnLink ? RouteConstants.RTNH_F_ONLINK : 0,
        });
        if (route.Destination.PrefixLength > 0)
        {
            writer.AddAddress(RouteConstants.RTA_DST, route.Destination.Normalize().BaseAddress, family);
        }
        if (route.Gateway is { } gateway)
        {
            writer.AddAddress(RouteConstants.RTA_GATEWAY, gateway, family);
        }
        if (route.PreferredSource is { } source)
        {
            writer.AddAddress(RouteConstants.RTA_PREFSRC, source, family);
        }
        writer.AddU32(RouteConstants.RTA_TABLE, route.Table);
        if (outputInterfaceIndex > 0)
        {
            writer.AddU32(RouteConstants.RTA_OIF, (uint)outputInterfaceIndex);
        }
        if (route.Metric is { } metric)
        {
            writer.AddU32(RouteConstants.RTA_PRIORITY, metric);
        }
        return writer.Finish();
    }
}
