using System.Buffers.Binary;
using System.Net;
using BootRoute.Model;

namespace BootRoute.Discovery.Networkd;

/// <summary>
/// What either form of networkd's lease file says, before it becomes a <see cref="Lease"/>. Both forms
/// keep option 3 and option 121 side by side (networkd does not keep option 249); which of them gives
/// the gateway is <see cref="DhcpRouting"/>'s rule.
/// </summary>
internal sealed class NetworkdLeaseFields
{
    public IPAddress? Address { get; set; }
    public IPAddress? Netmask { get; set; }
    public IPAddress? FirstRouter { get; set; }

    /// <summary>Null when the lease has no option 121; empty when it has one with no routes.</summary>
    public List<ClasslessStaticRoute>? ClasslessRoutes { get; set; }

    public bool HasLifetime { get; set; }

    /// <summary>Null with <see cref="HasLifetime"/> means infinite.</summary>
    public TimeSpan? Lifetime { get; set; }

    /// <summary>When the lease was acquired (JSON form's Timestamp_realtime); the file's mtime otherwise.</summary>
    public DateTimeOffset? Acquired { get; set; }

    /// <summary>Problems that do not cost the lease, for the report.</summary>
    public List<string> Warnings { get; } = [];

    public string? ToLease(string interfaceName, DateTimeOffset written, string source, out Lease? lease)
    {
        lease = null;
        if (Address is null)
        {
            return "no address";
        }
        int? prefixLength = null;
        if (Netmask is not null)
        {
            prefixLength = LeaseValues.PrefixFromMask(Netmask);
            if (prefixLength is null)
            {
                return $"netmask {Netmask} is not a contiguous mask";
            }
        }
        var routing = DhcpRouting.Resolve(FirstRouter, ClasslessRoutes);
        DateTimeOffset? expiry = HasLifetime && Lifetime is { } life ? LeaseValues.ExpiryAfter(Acquired ?? written, life) : null;
        lease = new Lease(interfaceName, Address, prefixLength, routing.Gateway, routing.ClasslessRoutes, source) { Expiry = expiry };
        return null;
    }

    /// <summary>A route's network with host bits cleared: IPNetwork refuses them, and the server still means the network.</summary>
    public static ClasslessStaticRoute? Route(IPAddress destination, int prefixLength, IPAddress gateway)
    {
        if (prefixLength is < 0 or > 32)
        {
            return null;
        }
        Span<byte> bytes = stackalloc byte[4];
        destination.TryWriteBytes(bytes, out _);
        uint mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        BinaryPrimitives.WriteUInt32BigEndian(bytes, BinaryPrimitives.ReadUInt32BigEndian(bytes) & mask);
        return new ClasslessStaticRoute(new IPNetwork(new IPAddress(bytes), prefixLength), gateway);
    }
}
