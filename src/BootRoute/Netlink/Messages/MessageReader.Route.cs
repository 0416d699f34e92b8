using System.Net;
using System.Runtime.InteropServices;
using BootRoute.Model;

namespace BootRoute.Netlink.Messages;

internal static partial class MessageReader
{
    /// <summary>
    /// RTM_NEWROUTE → <see cref="Route"/> (AF_INET or AF_INET6), or null for what `ip route show table
    /// all` would not list (other families, RTM_F_CLONED cache entries). Normalised so a route BootRoute wrote reads
    /// back equal: table from RTA_TABLE, destination with host bits cleared, metric 0 (which the
    /// kernel does not even send) as null, and only RTNH_F_ONLINK kept of the flags.
    /// For a multipath route (RTA_MULTIPATH) the first nexthop's gateway, device and onlink flag are
    /// reported: the model holds one nexthop, and BootRoute itself never writes multipath routes.
    /// </summary>
    public static Route? ReadRoute(ReadOnlySpan<byte> payload, Func<int, string?> nameOfIndex)
    {
        if (!TryReadRouteFields(payload, out RouteMessageHeader header, out RouteFields fields)
            || (header.Flags & RouteConstants.RTM_F_CLONED) != 0)
        {
            return null;
        }
        var any = header.Family == NetlinkConstants.AF_INET6 ? IPAddress.IPv6Any : IPAddress.Any;
        var destination = new IPNetwork(fields.Destination ?? any, header.DestinationLength).Normalize();
        return new Route(
            fields.Table ?? header.Table,
            destination,
            fields.OutputInterface is > 0 and var index ? nameOfIndex(index) : null,
            Gateway: fields.Gateway,
            PreferredSource: fields.PreferredSource,
            Scope: (RouteScope)header.Scope,
            Protocol: header.Protocol,
            Metric: fields.Priority is 0 ? null : fields.Priority,
            Type: (RouteType)header.Type,
            OnLink: ((header.Flags | fields.NextHopFlags) & RouteConstants.RTNH_F_ONLINK) != 0)
        {
            HasAttributesBeyondModel = fields.BeyondModel || header.Tos != 0 || header.SourceLength != 0,
        };
    }

    /// <summary>
    /// The RTM_NEWROUTE that answers an RTM_GETROUTE. <see cref="RouteLookup.Source"/> is the RTA_SRC
    /// the request named, or else the RTA_PREFSRC the kernel would pick.
    /// </summary>
    public static RouteLookup ReadLookup(ReadOnlySpan<byte> payload, IPAddress requested, Func<int, string?> nameOfIndex)
    {
        if (!TryReadRouteFields(payload, out RouteMessageHeader header, out RouteFields fields))
        {
            ThrowHelper.ThrowMalformed("route get", "reply is not an AF_INET or AF_INET6 rtmsg");
        }
        return new RouteLookup(
            fields.Destination ?? requested,
            fields.Source ?? fields.PreferredSource,
            fields.OutputInterface is > 0 and var index ? nameOfIndex(index) : null,
            fields.Gateway,
            fields.Table ?? header.Table,
            (RouteType)header.Type);
    }

    private static bool TryReadRouteFields(ReadOnlySpan<byte> payload, out RouteMessageHeader header, out RouteFields fields)
    {
        fields = default;
        header = default;
        if (payload.Length < RouteMessageHeader.Size)
        {
            ThrowHelper.ThrowMalformed("route dump", "short rtmsg");
        }
        header = RouteMessageHeader.Read(payload);
        if (header.Family is not (NetlinkConstants.AF_INET or NetlinkConstants.AF_INET6))
        {
            return false;
        }
        int longest = NetlinkConstants.MaxPrefixLength(header.Family);
        if (header.DestinationLength > longest)
        {
            // IPNetwork would throw ArgumentOutOfRangeException: name it as the malformed reply it is.
            ThrowHelper.ThrowMalformed("route dump", $"rtm_dst_len {header.DestinationLength} is over {longest}");
        }
        byte family = header.Family;
        var attributes = new AttributeReader(payload[RouteMessageHeader.Size..]);
        while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> value))
        {
            switch (type)
            {
                case RouteConstants.RTA_DST:
                    fields.Destination = AttributeReader.Address(value, family);
                    break;
                case RouteConstants.RTA_SRC:
                    fields.Source = AttributeReader.Address(value, family);
                    break;
                case RouteConstants.RTA_GATEWAY:
                    fields.Gateway = AttributeReader.Address(value, family);
                    break;
                case RouteConstants.RTA_PREFSRC:
                    fields.PreferredSource = AttributeReader.Address(value, family);
                    break;
                case RouteConstants.RTA_OIF:
                    fields.OutputInterface = (int)AttributeReader.U32(value);
                    break;
                case RouteConstants.RTA_PRIORITY:
                    fields.Priority = AttributeReader.U32(value);
                    break;
                case RouteConstants.RTA_TABLE:
                    fields.Table = AttributeReader.U32(value);
                    break;
                case RouteConstants.RTA_MULTIPATH:
                    ReadFirstNextHop(value, family, ref fields);
                    break;
                case RouteConstants.RTA_METRICS when value.Length > 0:
                case RouteConstants.RTA_FLOW or RouteConstants.RTA_ENCAP or RouteConstants.RTA_NH_ID:
                    fields.BeyondModel = true;
                    break;
            }
        }
        return true;
    }

    /// <summary>
    /// struct rtnexthop, then that nexthop's own attributes:
    /// <code>
    ///  0          2        3        4                8
    ///  +----------+--------+--------+----------------+--------------------+
    ///  | rtnh_len | flags  | hops   | ifindex (i32)  | RTA_GATEWAY, …     |
    ///  +----------+--------+--------+----------------+--------------------+
    /// </code>
    /// </summary>
    private static void ReadFirstNextHop(ReadOnlySpan<byte> multipath, byte family, ref RouteFields fields)
    {
        if (multipath.Length < RouteConstants.NextHopHeaderSize)
        {
            return;
        }
        int length = Math.Min(MemoryMarshal.Read<ushort>(multipath), multipath.Length);
        // A second nexthop is a route the model cannot hold: equal to a one-nexthop route it is not.
        fields.BeyondModel |= length < multipath.Length;
        fields.NextHopFlags = multipath[2];
        fields.OutputInterface ??= MemoryMarshal.Read<int>(multipath[4..]);
        if (length <= RouteConstants.NextHopHeaderSize)
        {
            return;
        }
        var attributes = new AttributeReader(multipath[RouteConstants.NextHopHeaderSize..length]);
        while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> value))
        {
            if (type == RouteConstants.RTA_GATEWAY)
            {
                fields.Gateway ??= AttributeReader.Address(value, family);
            }
        }
    }

    private struct RouteFields
    {
        public IPAddress? Destination;
        public IPAddress? Source;
        public IPAddress? Gateway;
        public IPAddress? PreferredSource;
        public int? OutputInterface;
        public uint? Priority;
        public uint? Table;
        public uint NextHopFlags;

        /// <summary>Metrics (mtu, …), a realm, an encapsulation, a nexthop object or a second nexthop.</summary>
        public bool BeyondModel;
    }
}
