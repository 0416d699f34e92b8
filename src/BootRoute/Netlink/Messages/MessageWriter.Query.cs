using System.Net;

namespace BootRoute.Netlink.Messages;

internal ref partial struct MessageWriter
{
    /// <summary>
    /// An NLM_F_DUMP request for every object of one kind: RTM_GETLINK (any family), RTM_GETADDR,
    /// RTM_GETROUTE or RTM_GETRULE of one <paramref name="family"/> (AF_INET or AF_INET6). Only the
    /// family byte of the header is read by the kernel.
    /// </summary>
    public static ReadOnlySpan<byte> Dump(Span<byte> buffer, ushort type, uint sequence, byte family)
    {
        var writer = new MessageWriter(buffer, type, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_DUMP, sequence);
        switch (type)
        {
            case NetlinkConstants.RTM_GETLINK:
                writer.Write(new InterfaceInfoHeader(NetlinkConstants.AF_UNSPEC, 0, 0, 0, 0));
                break;
            case NetlinkConstants.RTM_GETADDR:
                writer.Write(new InterfaceAddressHeader(family, 0, 0, 0, 0));
                break;
            default:
                writer.Write(new RouteMessageHeader { Family = family });
                break;
        }
        return writer.Finish();
    }

    /// <summary>
    /// RTM_GETROUTE for one destination, as `ip route get DESTINATION [from SOURCE]` sends it (`ip -6`
    /// for an IPv6 destination), with RTM_F_LOOKUP_TABLE so the reply names the table the policy rules selected.
    /// </summary>
    public static ReadOnlySpan<byte> Lookup(Span<byte> buffer, uint sequence, IPAddress destination, IPAddress? source)
    {
        byte family = NetlinkConstants.FamilyOf(destination.AddressFamily);
        byte hostLength = (byte)NetlinkConstants.MaxPrefixLength(family);
        var writer = new MessageWriter(buffer, NetlinkConstants.RTM_GETROUTE, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK, sequence);
        writer.Write(new RouteMessageHeader
        {
            Family = family,
            DestinationLength = hostLength,
            SourceLength = (byte)(source is null ? 0 : hostLength),
            Tos = 0,
            Table = RouteConstants.RT_TABLE_UNSPEC,
            Protocol = 0,
            Scope = 0,
            Type = 0,
            Flags = RouteConstants.RTM_F_LOOKUP_TABLE,
        });
        writer.AddAddress(RouteConstants.RTA_DST, destination, family);
        if (source is not null)
        {
            writer.AddAddress(RouteConstants.RTA_SRC, source, family);
        }
        return writer.Finish();
    }
}
