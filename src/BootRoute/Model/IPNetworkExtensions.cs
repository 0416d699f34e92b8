using System.Net;

namespace BootRoute.Model;

/// <summary>Helpers for <see cref="IPNetwork"/>, which .NET does not normalise on construction.</summary>
public static class IPNetworkExtensions
{
    public static readonly IPNetwork DefaultIPv4 = new(IPAddress.Any, 0);

    /// <summary>The same network with the host bits cleared (100.64.1.10/24 → 100.64.1.0/24).</summary>
    public static IPNetwork Normalize(this IPNetwork network)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (!network.BaseAddress.TryWriteBytes(bytes, out _))
        {
            return network;
        }
        uint value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
        uint mask = network.PrefixLength == 0 ? 0u : uint.MaxValue << (32 - network.PrefixLength);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, value & mask);
        return new IPNetwork(new IPAddress(bytes), network.PrefixLength);
    }

    public static bool IsDefault(this IPNetwork network) => network.PrefixLength == 0;

    /// <summary>Prints as iproute2 does: "default" for 0/0, the bare address for a /32 host route.</summary>
    public static string ToIpString(this IPNetwork network) =>
        network.PrefixLength == 0 ? "default"
        : network.PrefixLength == 32 ? network.BaseAddress.ToString()
        : network.ToString();
}
