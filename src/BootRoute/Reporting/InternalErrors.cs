using BootRoute.Model;

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
        // One line: a message's own line breaks become spaces, any other control character \xNN.
        return $"{error.GetType().Name}: {PrintableText.Escape(error.Message.ReplaceLineEndings(" "))}".TrimEnd();
    }
}
