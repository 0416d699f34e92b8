using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace BootRoute.Discovery;

/// <summary>Value conversions every lease parser needs, in one place.</summary>
internal static class LeaseValues
{
    /// <summary>
    /// <paramref name="start"/> + <paramref name="lifetime"/>, clamped to <see cref="DateTimeOffset.MaxValue"/>.
    /// Clamped rather than refused: a lease whose end lies past year 9999 (a huge lifetime, or a start
    /// already near the end of the calendar) is by its own account valid at any time a run can see, and
    /// "never expires within any run" is exactly what MaxValue means to <see cref="LeaseReader"/>, the
    /// only reader of <see cref="Model.Lease.Expiry"/>. Dropping it would cost the NIC its routing over
    /// a limit of the date type, not of the lease.
    /// </summary>
    public static DateTimeOffset ExpiryAfter(DateTimeOffset start, TimeSpan lifetime) =>
        lifetime >= DateTimeOffset.MaxValue - start ? DateTimeOffset.MaxValue : start + lifetime;

    /// <summary>What a note says of an absolute lease time (an expiry, a renewal) past year 9999.</summary>
    public const string PastTheCalendar = "lies past year 9999: no lease ends then; the lease is skipped";

    /// <summary>
    /// Seconds since 1970 as a time; null when the text is not digits or names a second past year 9999.
    /// A lease that states its end as such a time is dropped, not clamped: unlike a huge lifetime,
    /// which only says "long", an end no calendar has is no statement about the lease at all.
    /// </summary>
    public static DateTimeOffset? ParseEpoch(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long epoch) && epoch <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : null;

    /// <summary>All digits, yet too many seconds for <see cref="ParseEpoch"/> (also past <see cref="long"/>).</summary>
    public static bool IsEpochPastTheCalendar(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && ParseEpoch(text) is null;

    /// <summary>
    /// A lease file's mtime, which the KEY=VALUE and binary forms count their lifetime from. A time
    /// outside years 1–9999 (touch -d @253402300800 on tmpfs) makes <see cref="FileSystemInfo.LastWriteTimeUtc"/>
    /// throw; it is read as <see cref="DateTimeOffset.MaxValue"/>: Linux filesystems that can hold such
    /// a time hold it far in the future far more plausibly than before year 1 (a clock gone wrong forward),
    /// and a lease counted from "after every date" is, like any future mtime, not yet expired.
    /// </summary>
    public static DateTimeOffset LastWrite(FileInfo file)
    {
        try
        {
            return new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        }
        catch (ArgumentOutOfRangeException)
        {
            return DateTimeOffset.MaxValue;
        }
    }

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
