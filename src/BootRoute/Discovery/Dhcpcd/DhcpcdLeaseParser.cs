using System.Buffers.Binary;
using System.Net;
using BootRoute.Model;

namespace BootRoute.Discovery.Dhcpcd;

/// <summary>
/// Turns the content of a dhcpcd lease file — the DHCP ACK exactly as dhcpcd received it, see
/// <see cref="DhcpMessage"/> — into a <see cref="Lease"/>. Pure: the caller reads the file and passes
/// its modification time, which is when dhcpcd wrote the lease (dhcpcd itself takes the lease's start
/// from it when it reloads the file). Options used:
/// <code>
///   1  subnet mask       → PrefixLength
///   3  routers           first one is the gateway, unless 121 or 249 is present
///  51  lease time        seconds; Expiry = mtime + it; 0xffffffff = infinite → null
///  53  message type      must be 5 (ACK) when present; BOOTP replies have none
///  54  server id         checked for shape only
/// 121  classless routes  RFC 3442; its 0/0 is the gateway
/// 249  MS classless      same encoding; only when 121 is absent
///  52  overload          handled by DhcpMessage
/// </code>
/// Never throws on bad input: a file that cannot be used gives one diagnostic instead of a lease.
/// </summary>
internal static class DhcpcdLeaseParser
{
    /// <summary>Real leases are a few hundred bytes (a DHCP message fits a 576-byte datagram by default).</summary>
    public const int MaximumLength = 64 * 1024;

    private const byte BootReply = 2, DhcpAck = 5;

    /// <param name="content">The file's bytes.</param>
    /// <param name="interfaceName">From the file name: the message itself does not name the interface.</param>
    /// <param name="written">The file's modification time.</param>
    /// <param name="path">For diagnostics and <see cref="Lease.Source"/> ("dhcpcd:&lt;path&gt;").</param>
    public static (Lease? Lease, string? Diagnostic) Parse(ReadOnlySpan<byte> content, string interfaceName, DateTimeOffset written, string path)
    {
        string? error = Build(content, interfaceName, written, path, out var lease);
        return error is null ? (lease, null) : (null, $"dhcpcd:{path}: lease for {interfaceName} skipped: {error}");
    }

    private static string? Build(ReadOnlySpan<byte> content, string interfaceName, DateTimeOffset written, string path, out Lease? lease)
    {
        lease = null;
        if (content.Length > MaximumLength)
        {
            return $"over {MaximumLength} bytes: too big for a lease file";
        }
        if (!DhcpMessage.TryDecode(content, out var message, out string? error))
        {
            return error;
        }
        // Checked in option order; the first problem found is the one reported.
        if (CheckHeader(message!) is { } header)
        {
            return header;
        }
        if (ReadPrefixLength(message!, out int? prefixLength) is { } mask)
        {
            return mask;
        }
        if (ReadFirstRouter(message!, out var firstRouter) is { } routers)
        {
            return routers;
        }
        if (ReadExpiry(message!, written, out var expiry) is { } leaseTime)
        {
            return leaseTime;
        }
        if (ReadClassless(message!, firstRouter, out var routing) is { } classless)
        {
            return classless;
        }
        lease = new Lease(interfaceName, message!.YourAddress, prefixLength, routing.Gateway, routing.ClasslessRoutes, $"dhcpcd:{path}") { Expiry = expiry };
        return null;
    }

    /// <summary>Whether the message is a DHCPACK (or a BOOTP reply) that leases an address.</summary>
    private static string? CheckHeader(DhcpMessage message)
    {
        if (message.Op != BootReply)
        {
            return $"op is {message.Op}, not 2 (BOOTREPLY)";
        }
        if (message.Option(53) is { } type && (type.Length != 1 || type[0] != DhcpAck))
        {
            return $"message type (option 53) is {Convert.ToHexString(type)}, not 5 (DHCPACK)";
        }
        if (message.YourAddress.Equals(IPAddress.Any))
        {
            return "yiaddr is 0.0.0.0: the message leases no address";
        }
        if (message.Option(54) is { Length: not 4 } server)
        {
            return $"server identifier (option 54) is {server.Length} bytes, not 4";
        }
        return null;
    }

    private static string? ReadPrefixLength(DhcpMessage message, out int? prefixLength)
    {
        prefixLength = null;
        if (message.Option(1) is { } mask)
        {
            prefixLength = mask.Length == 4 ? LeaseValues.PrefixFromMask(BinaryPrimitives.ReadUInt32BigEndian(mask)) : null;
            if (prefixLength is null)
            {
                return $"subnet mask (option 1) {Convert.ToHexString(mask)} is not a contiguous 4-byte mask";
            }
        }
        return null;
    }

    private static string? ReadExpiry(DhcpMessage message, DateTimeOffset written, out DateTimeOffset? expiry)
    {
        expiry = null;
        if (message.Option(51) is { } leaseTime)
        {
            if (leaseTime.Length != 4)
            {
                return $"lease time (option 51) is {leaseTime.Length} bytes, not 4";
            }
            uint seconds = BinaryPrimitives.ReadUInt32BigEndian(leaseTime);
            expiry = seconds == uint.MaxValue ? null : LeaseValues.ExpiryAfter(written, TimeSpan.FromSeconds(seconds)); // RFC 2132 §9.2: all ones is infinity
        }
        return null;
    }

    private static string? ReadFirstRouter(DhcpMessage message, out IPAddress? firstRouter)
    {
        firstRouter = null;
        if (message.Option(3) is { } routers)
        {
            if (routers.Length == 0 || routers.Length % 4 != 0)
            {
                return $"routers (option 3) is {routers.Length} bytes, not a list of 4-byte addresses";
            }
            firstRouter = new IPAddress(routers.AsSpan(0, 4));
        }
        return null;
    }

    /// <summary>Options 121 and 249, resolved with the routers by <see cref="DhcpRouting"/>.</summary>
    private static string? ReadClassless(DhcpMessage message, IPAddress? firstRouter, out DhcpRouting routing)
    {
        routing = DhcpRouting.Resolve(firstRouter, null);
        // 249 is not even decoded when 121 is there: DhcpRouting would ignore it, and so does dhcpcd.
        List<ClasslessStaticRoute>? option249 = null;
        if (!TryDecode(message, 121, out var option121, out string? error)
            || (option121 is null && !TryDecode(message, 249, out option249, out error)))
        {
            return error;
        }
        routing = DhcpRouting.Resolve(firstRouter, option121, option249);
        return null;
    }

    /// <summary>A classless-routes option's routes, null when the message lacks it; false for bytes that do not decode.</summary>
    private static bool TryDecode(DhcpMessage message, byte code, out List<ClasslessStaticRoute>? routes, out string? error)
    {
        routes = null;
        error = null;
        if (message.Option(code) is not { } data)
        {
            return true;
        }
        if (!ClasslessStaticRouteDecoder.TryDecode(data, out var decoded, out string? problem))
        {
            error = $"option {code}: {problem}";
            return false;
        }
        routes = decoded;
        return true;
    }
}
