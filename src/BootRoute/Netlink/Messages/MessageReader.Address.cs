using System.Net;
using BootRoute.Model;

namespace BootRoute.Netlink.Messages;

internal static partial class MessageReader
{
    /// <summary>
    /// RTM_NEWADDR → <see cref="InterfaceAddress"/> (AF_INET or AF_INET6), or null for other families.
    /// IFA_LOCAL is the address itself; IFA_ADDRESS is the peer on point-to-point links and the same
    /// value elsewhere (IPv6 sends only it), so it is the fallback. The 32-bit IFA_FLAGS wins over the
    /// header's 8-bit copy. Flag bit 0 is "secondary" for IPv4 and "temporary" for IPv6.
    /// </summary>
    public static InterfaceAddress? ReadAddress(ReadOnlySpan<byte> payload, Func<int, string?> nameOfIndex)
    {
        if (payload.Length < InterfaceAddressHeader.Size)
        {
            ThrowHelper.ThrowMalformed("address dump", "short ifaddrmsg");
        }
        var header = InterfaceAddressHeader.Read(payload);
        if (header.Family is not (NetlinkConstants.AF_INET or NetlinkConstants.AF_INET6))
        {
            return null;
        }
        bool inet6 = header.Family == NetlinkConstants.AF_INET6;
        if (header.PrefixLength > NetlinkConstants.MaxPrefixLength(header.Family))
        {
            // IPNetwork would throw ArgumentOutOfRangeException later: name it as the malformed reply it is.
            ThrowHelper.ThrowMalformed("address dump", $"ifa_prefixlen {header.PrefixLength} is over {NetlinkConstants.MaxPrefixLength(header.Family)}");
        }
        IPAddress? local = null;
        IPAddress? address = null;
        string? label = null;
        uint flags = header.Flags;

        var attributes = new AttributeReader(payload[InterfaceAddressHeader.Size..]);
        while (attributes.TryRead(out ushort type, out ReadOnlySpan<byte> value))
        {
            switch (type)
            {
                case LinkConstants.IFA_LOCAL:
                    local = AttributeReader.Address(value, header.Family);
                    break;
                case LinkConstants.IFA_ADDRESS:
                    address = AttributeReader.Address(value, header.Family);
                    break;
                case LinkConstants.IFA_LABEL:
                    label = AttributeReader.String(value);
                    break;
                case LinkConstants.IFA_FLAGS:
                    flags = AttributeReader.U32(value);
                    break;
            }
        }
        if ((local ?? address) is not { } ip)
        {
            return null;
        }

        return new InterfaceAddress(
            header.Index,
            nameOfIndex(header.Index) ?? label ?? "",
            ip,
            header.PrefixLength,
            (RouteScope)header.Scope,
            IsDynamic: (flags & LinkConstants.IFA_F_PERMANENT) == 0,
            IsSecondary: !inet6 && (flags & LinkConstants.IFA_F_SECONDARY) != 0,
            IsTemporary: inet6 && (flags & LinkConstants.IFA_F_TEMPORARY) != 0,
            IsTentative: (flags & (LinkConstants.IFA_F_TENTATIVE | LinkConstants.IFA_F_DADFAILED)) != 0,
            IsDeprecated: inet6 && (flags & LinkConstants.IFA_F_DEPRECATED) != 0);
    }
}
