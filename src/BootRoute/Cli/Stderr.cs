using BootRoute.Model;

namespace BootRoute.Cli;

/// <summary>
/// The agent's lines on stderr: each one line, starting "bootroute: ", with every outside value it
/// quotes (an interface name, a file's text, an error the kernel or a file system gave) escaped, so
/// that nothing read from outside can end a line early or forge another one in the journal.
/// </summary>
internal static class Stderr
{
    public static void Line(string text) => Console.Error.WriteLine($"bootroute: {PrintableText.Escape(text)}");

    /// <summary>A progress line, marked LOG_NOTICE for the journal (JournalStream).</summary>
    public static void Progress(string text) =>
        Console.Error.WriteLine($"{JournalStream.Prefix(JournalStream.Notice)}bootroute: {PrintableText.Escape(text)}");
}
