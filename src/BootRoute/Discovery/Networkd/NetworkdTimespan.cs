using System.Globalization;

namespace BootRoute.Discovery.Networkd;

/// <summary>
/// systemd's time span text (systemd.time(7)), as networkd's JSON lease writes <c>"Lifetime"</c>,
/// <c>"T1"</c> and <c>"T2"</c> with format_timespan(): <c>"1h"</c>, <c>"59min 59s"</c>, <c>"1d 2h 3min"</c>.
/// Parsed like parse_sec(): numbers with units, spaces optional, a bare number is seconds,
/// <c>"infinity"</c> is no end.
/// </summary>
internal static class NetworkdTimespan
{
    // Longest unit names first so "ms" is not read as "m" + "s" and "min" not as "m".
    private static readonly (string Unit, double Seconds)[] Units =
    [
        ("months", 2_629_800), ("month", 2_629_800), ("years", 31_557_600), ("year", 31_557_600),
        ("weeks", 604_800), ("week", 604_800), ("days", 86_400), ("day", 86_400),
        ("hours", 3600), ("hour", 3600), ("minutes", 60), ("minute", 60), ("min", 60),
        ("seconds", 1), ("second", 1), ("sec", 1), ("msec", 0.001), ("usec", 0.000_001),
        ("ms", 0.001), ("us", 0.000_001), ("µs", 0.000_001), ("hr", 3600),
        ("M", 2_629_800), ("y", 31_557_600), ("w", 604_800), ("d", 86_400), ("h", 3600), ("m", 60), ("s", 1),
    ];

    /// <summary>Seconds, null for infinity; false when the text is not a time span.</summary>
    public static bool TryParse(string text, out TimeSpan? span)
    {
        span = null;
        string s = text.Trim();
        if (s == "infinity")
        {
            return true;
        }
        double total = 0;
        int i = 0;
        bool any = false;
        while (i < s.Length)
        {
            if (char.IsWhiteSpace(s[i]))
            {
                i++;
                continue;
            }
            int start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }
            if (i == start || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
            {
                return false;
            }
            while (i < s.Length && s[i] == ' ')
            {
                i++;
            }
            double unit = 1; // a bare number is seconds
            foreach (var (name, seconds) in Units)
            {
                if (string.CompareOrdinal(s, i, name, 0, name.Length) == 0
                    && (i + name.Length == s.Length || !char.IsLetter(s[i + name.Length])))
                {
                    unit = seconds;
                    i += name.Length;
                    break;
                }
            }
            if (i < s.Length && char.IsLetter(s[i]))
            {
                return false; // a unit we do not know
            }
            total += number * unit;
            any = true;
        }
        if (!any || total > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }
        // Whole seconds as a long: FromSeconds(double) multiplies into ticks in floating point, which
        // past 2^53 ticks (about 28 years) lands microseconds off the whole second.
        span = TimeSpan.FromSeconds((long)Math.Floor(total));
        return true;
    }
}
