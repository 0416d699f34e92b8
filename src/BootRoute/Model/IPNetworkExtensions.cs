using System.Net;
using System.Net.Sockets;

namespace BootRoute.Model;

/// <summary>Helpers for <see cref="IPNetwork"/>, which .NET does not normalise on construction.</summary>
public static class IPNetworkExtensions
{
    public static readonly IPNetwork DefaultIPv4 = new(IPAddress.Any, 0);

    public static readonly IPNetwork DefaultIPv6 = new(IPAddress.IPv6Any, 0);

    /// <summary>The default route's destination of a family: 0.0.0.0/0 or ::/0.</summary>
    public static IPNetwork DefaultOf(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? DefaultIPv6 : DefaultIPv4;

    /// <summary>The same network with the host bits cleared (100.64.1.10/24 → 100.64.1.0/24, 2001:db8::1/64 → 2001:db8::/64).</summary>
    public static IPNetwork Normalize(this IPNetwork network)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!network.BaseAddress.TryWriteBytes(bytes, out int length))
        {
            return network;
        }
        bytes = bytes[..length];
        int prefix = Math.Clamp(network.PrefixLength, 0, length * 8);
        for (int index = 0; index < length; index++)
        {
            int kept = Math.Clamp(prefix - (index * 8), 0, 8);
            bytes[index] &= (byte)(0xFF00 >> kept);
        }
        return new IPNetwork(new IPAddress(bytes), network.PrefixLength);
    }

    public static bool IsDefault(this IPNetwork network) => network.PrefixLength == 0;

    public static bool IsIPv6(this IPNetwork network) => network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Prints as iproute2 does: "default" for 0/0 and ::/0, the bare address for a /32 or /128 host route.</summary>
    public static string ToIpString(this IPNetwork network) =>
        network.PrefixLength == 0 ? "default"
        : network.PrefixLength == (network.IsIPv6() ? 128 : 32) ? network.BaseAddress.ToString()
        : network.ToString();
}
