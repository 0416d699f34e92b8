using System.Globalization;
using System.Text;

namespace BootRoute.Model;

/// <summary>
/// Outside values (interface names, lease notes, echo answers, file contents, settings) made safe to
/// print: a control character could end a log line early, forge another one, or drive the terminal.
/// </summary>
public static class PrintableText
{
    /// <summary>
    /// Control characters as <c>\xNN</c> (C0 but tab, DEL, C1) and lone surrogates as <c>\uXXXX</c>;
    /// everything else as it is. Tab stays: it cannot break a line, and diffs of the image's files use it.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAnyInRange('\0', '\x1f') < 0 && !NeedsEscapeBeyondC0(text))
        {
            return text ?? "";
        }
        var escaped = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else if (IsControl(c))
            {
                escaped.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }

    private static bool IsControl(char c) => (c < ' ' && c != '\t') || (c >= '\x7f' && c <= '\x9f');

    private static bool NeedsEscapeBeyondC0(string text)
    {
        foreach (char c in text)
        {
            if ((c >= '\x7f' && c <= '\x9f') || char.IsSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }
}
