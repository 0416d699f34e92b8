using System.Globalization;

namespace BootRoute.Model;

/// <summary>"1 operation", "2 operations": a count and its noun agreeing, for the lines people read.</summary>
public static class Counted
{
    /// <param name="plural">The plural when it is not the singular plus "s" ("1 file", "2 files" need none).</param>
    public static string Of(int count, string singular, string? plural = null) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");
}
