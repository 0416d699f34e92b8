using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BootRoute.Discovery.Dhclient;

/// <summary>
/// Statement values of a dhclient lease file. Each problem is added to the caller's errors as
/// <c>line N: …</c> and gives null, so one block can report every bad statement at once.
/// </summary>
internal static class DhclientValues
{
    /// <summary>Only dotted quads: IPAddress.Parse would also take "10" or "10.1" as shorthand forms.</summary>
    public static IPAddress? ParseIPv4(List<DhclientToken> values, string what, int line, List<string> errors)
    {
        if (values is [{ Kind: DhclientTokenKind.Word } word]
            && word.Text.Split('.').Length == 4
            && IPAddress.TryParse(word.Text, out var address)
            && address.AddressFamily == AddressFamily.InterNetwork)
        {
            return address;
        }
        errors.Add($"line {line}: {what} must be an IPv4 address, not \"{string.Join(' ', values.Select(v => v.Text))}\"");
        return null;
    }

    /// <summary>
    /// <c>never</c>, <c>epoch N</c> (seconds since 1970, written when db-time-format is local), or
    /// <c>W YYYY/MM/DD HH:MM:SS</c> in UTC where W is the weekday 0–6 and is not needed.
    /// </summary>
    public static DateTimeOffset? ParseTime(List<DhclientToken> values, string keyword, int line, List<string> errors)
    {
        switch (values)
        {
            case [{ Text: "never" }]:
                return null;
            case [{ Text: "epoch" }, var seconds] when LeaseValues.ParseEpoch(seconds.Text) is { } epoch:
                return epoch;
            case [{ Text: "epoch" }, var seconds] when LeaseValues.IsEpochPastTheCalendar(seconds.Text):
                errors.Add($"line {line}: {keyword} epoch {seconds.Text} {LeaseValues.PastTheCalendar}");
                return null;
            case [{ Text: [>= '0' and <= '6'] }, var date, _] when YearOf(date.Text) > 9999:
                errors.Add($"line {line}: {keyword} {date.Text} {LeaseValues.PastTheCalendar}");
                return null;
            case [{ Text: [>= '0' and <= '6'] }, var date, var time]
                when DateTime.TryParseExact($"{date.Text} {time.Text}", "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture,
                         DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc):
                return new DateTimeOffset(utc, TimeSpan.Zero);
            default:
                errors.Add($"line {line}: {keyword} must be \"never\", \"epoch N\" or \"W YYYY/MM/DD HH:MM:SS\", not \"{string.Join(' ', values.Select(v => v.Text))}\"");
                return null;
        }
    }

    /// <summary>The year of "YYYY/MM/DD" when it is all digits (dhclient writes more than four past 9999), else 0.</summary>
    private static long YearOf(string date) =>
        date.Split('/')[0] is { Length: > 0 and <= 18 } year && year.All(char.IsAsciiDigit) ? long.Parse(year, CultureInfo.InvariantCulture) : 0;
}
