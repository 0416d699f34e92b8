using System.Globalization;
using System.Net;
using BootRoute.Model;

namespace BootRoute.Discovery.Dhclient;

/// <summary>
/// Decodes DHCP option 121 (RFC 3442) and Microsoft's option 249, which uses the same encoding.
/// Each route is a width byte, then only the significant octets of the destination
/// (<c>ceil(width / 8)</c> of them), then the 4 octets of the router:
/// <code>
///   width | destination octets (0–4) | router (4)
///   24    | 100 64 1                  | 100 64 1 1      → 100.64.1.0/24 via 100.64.1.1
///   0     |                           | 100 64 1 1      → 0.0.0.0/0     via 100.64.1.1
///   32    | 169 254 169 254           | 100 64 1 1      → 169.254.169.254/32 via 100.64.1.1
/// </code>
/// </summary>
internal static class ClasslessStaticRouteDecoder
{
    /// <summary>
    /// The option's bytes from dhclient's text: Debian declares 121 as <c>array of unsigned integer 8</c>
    /// and writes <c>24,100,64,1,…</c>; an undeclared option is written <c>unknown-121 18:64:40:1:…</c>
    /// (hex, no leading zeros); a value whose bytes are all printable may come as a quoted string.
    /// </summary>
    public static bool TryParseBytes(DhclientToken value, out byte[] bytes, out string? error)
    {
        bytes = [];
        error = null;
        if (value.Kind == DhclientTokenKind.QuotedString)
        {
            bytes = new byte[value.Text.Length];
            for (int i = 0; i < value.Text.Length; i++)
            {
                if (value.Text[i] > 0xFF)
                {
                    error = "string value holds a character that is not a byte";
                    return false;
                }
                bytes[i] = (byte)value.Text[i];
            }
            return true;
        }
        bool hex = value.Text.Contains(':', StringComparison.Ordinal);
        string[] parts = value.Text.Split(hex ? ':' : ',');
        bytes = new byte[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            bool ok = hex
                ? parts[i].Length is 1 or 2 && byte.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i])
                : byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]);
            if (!ok)
            {
                error = $"\"{parts[i]}\" is not a byte in \"{value.Text}\"";
                return false;
            }
        }
        return true;
    }

    /// <summary>Decodes the routes; an error names the byte offset where the data stops making sense.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out List<ClasslessStaticRoute> routes, out string? error)
    {
        routes = [];
        error = null;
        int i = 0;
        Span<byte> destination = stackalloc byte[4];
        while (i < data.Length)
        {
            int width = data[i];
            if (width > 32)
            {
                error = $"prefix width {width} at byte {i} is over 32";
                return false;
            }
            int significant = (width + 7) / 8;
            if (i + 1 + significant + 4 > data.Length)
            {
                error = $"route at byte {i} (/{width}) needs {1 + significant + 4} bytes, only {data.Length - i} left";
                return false;
            }
            destination.Clear();
            data.Slice(i + 1, significant).CopyTo(destination);
            var gateway = new IPAddress(data.Slice(i + 1 + significant, 4));
            // Bits past the width should be zero. IPNetwork refuses host bits, and a server that
            // sets them still means the network, so they are cleared rather than failing the lease.
            var network = Network(destination, width);
            routes.Add(new ClasslessStaticRoute(network, gateway));
            i += 1 + significant + 4;
        }
        return true;
    }

    private static IPNetwork Network(ReadOnlySpan<byte> destination, int width)
    {
        uint value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(destination);
        uint mask = width == 0 ? 0u : uint.MaxValue << (32 - width);
        Span<byte> masked = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(masked, value & mask);
        return new IPNetwork(new IPAddress(masked), width);
    }
}
