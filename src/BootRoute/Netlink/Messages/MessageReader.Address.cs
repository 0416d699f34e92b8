using System.Net;
using BootRoute.Model;

namespace BootRoute.Netlink.Messages;

internal static partial class MessageReader
{
    /// <summary>
    /// RTM_NEWADDR → <see cref="InterfaceAddress"/>, or null for other families. IFA_LOCAL is the
    /// address itself; IFA_ADDRESS is the peer on point-to-point links and the same value elsewhere,
    /// so it is only the fallback. The 32-bit IFA_FLAGS wins over the header's 8-bit copy.
    /// </summary>
    public static InterfaceAddress? ReadAddress(ReadOnlySpan<byte> payload, Func<int, string?> nameOfIndex)
    {
        if (payload.Length < InterfaceAddressHeader.Size)
        {
            ThrowHelper.ThrowMalformed("address dump", "short ifaddrmsg");
        }
        var header = InterfaceAddressHeader.Read(payload);
        if (header.Family != NetlinkConstants.AF_INET)
        {
            return null;
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
                    local = AttributeReader.IPv4(value);
                    break;
                case LinkConstants.IFA_ADDRESS:
                    address = AttributeReader.IPv4(value);
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
            IsSecondary: (flags & LinkConstants.IFA_F_SECONDARY) != 0);
    }
}
