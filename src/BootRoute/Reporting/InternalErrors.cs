using System.Globalization;
using System.Text;

namespace BootRoute.Reporting;

/// <summary>
/// How an unexpected exception is told: its type and message on one line, control characters as
/// <c>\xNN</c>, no stack trace (the journal is read by people, and a message can carry outside text).
/// </summary>
public static class InternalErrors
{
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = new StringBuilder(error.GetType().Name).Append(": ");
        foreach (char c in error.Message.ReplaceLineEndings(" "))
        {
            if (char.IsControl(c))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString().TrimEnd();
    }
}
