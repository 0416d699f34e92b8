using System.Buffers.Binary;
using System.Net;

namespace BootRoute.Discovery;

/// <summary>Value conversions every lease parser needs, in one place.</summary>
internal static class LeaseValues
{
    /// <summary>255.255.255.0 → 24; null for a mask whose ones are not contiguous (not a netmask).</summary>
    public static int? PrefixFromMask(uint mask)
    {
        int ones = System.Numerics.BitOperations.PopCount(mask);
        uint expected = ones == 0 ? 0u : uint.MaxValue << (32 - ones);
        return mask == expected ? ones : null;
    }

    public static int? PrefixFromMask(IPAddress mask)
    {
        Span<byte> bytes = stackalloc byte[4];
        return mask.TryWriteBytes(bytes, out int written) && written == 4
            ? PrefixFromMask(BinaryPrimitives.ReadUInt32BigEndian(bytes))
            : null;
    }

    /// <summary>Only dotted quads: IPAddress.TryParse would also take "10" or "10.1" as shorthand forms.</summary>
    public static IPAddress? ParseDottedIPv4(string text)
    {
        string trimmed = text.Trim();
        return trimmed.Split('.').Length == 4 && IPAddress.TryParse(trimmed, out var address)
               && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? address : null;
    }
}
