using System.Net.NetworkInformation;
using BootRoute.Model;

namespace BootRoute.Netlink.Messages;

internal static partial class MessageReader
{
    /// <summary>RTM_NEWLINK → <see cref="Link"/>. Only the attributes BootRoute uses are read.</summary>
    public static Link ReadLink(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < InterfaceInfoHeader.Size)
        {
            ThrowHelper.ThrowMalformed("link dump", "short ifinfomsg");
        }
        var header = InterfaceInfoHeader.Read(payload);
        string name = "";
        PhysicalAddress? mac = null;
        int mtu = 0;
        int? master = null;
        string? kind = null;

        var attributes = new AttributeReader(payload[InterfaceInfoHeader.Size..]);
        while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> value))
        {
            switch (type)
            {
                case LinkConstants.IFLA_IFNAME:
                    name = AttributeReader.String(value);
                    break;
                case LinkConstants.IFLA_ADDRESS:
                    mac = new PhysicalAddress(value.ToArray());
                    break;
                case LinkConstants.IFLA_MTU:
                    mtu = (int)AttributeReader.U32(value);
                    break;
                case LinkConstants.IFLA_MASTER:
                    uint masterIndex = AttributeReader.U32(value);
                    master = masterIndex == 0 ? null : (int)masterIndex;
                    break;
                case LinkConstants.IFLA_LINKINFO:
                    kind = ReadLinkKind(value);
                    break;
            }
        }

        return new Link(
            header.Index,
            name,
            mac,
            mtu,
            IsUp: (header.Flags & LinkConstants.IFF_UP) != 0,
            IsLoopback: (header.Flags & LinkConstants.IFF_LOOPBACK) != 0,
            Kind: kind,
            MasterIndex: master);
    }

    /// <summary>IFLA_LINKINFO is nested; IFLA_INFO_KIND inside it names the driver ("veth", "bond").</summary>
    private static string? ReadLinkKind(ReadOnlySpan<byte> linkInfo)
    {
        var nested = new AttributeReader(linkInfo);
        while (nested.TryRead(out ushort type, out ReadOnlySpan<byte> value))
        {
            if (type == LinkConstants.IFLA_INFO_KIND)
            {
                return AttributeReader.String(value);
            }
        }
        return null;
    }
}
