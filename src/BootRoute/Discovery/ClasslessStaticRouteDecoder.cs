using System.Net;
using BootRoute.Model;

namespace BootRoute.Discovery;

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
/// Shared by the lease sources that see the raw option (dhclient, dhcpcd, NetworkManager's dhclient
/// plugin); which of 121, 249 and routers wins is <see cref="DhcpRouting"/>'s rule.
/// </summary>
internal static class ClasslessStaticRouteDecoder
{
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
