namespace BootRoute.Discovery;

/// <summary>
/// The last line of defence around one lease file: an exception no parser expected (a bug, or input
/// nobody thought of) costs that file's lease and becomes a diagnostic naming the file, never the
/// whole run; the other files and sources still count. Parsers are meant to return diagnostics for
/// every bad input, so this line in a report is a bug worth reporting with the file.
/// </summary>
internal static class LeaseFileFailure
{
    /// <summary>Anything but the runtime's own fatal conditions.</summary>
    public static bool IsContained(Exception e) => e is not (OutOfMemoryException or StackOverflowException or ThreadAbortException);

    public static string Describe(string source, string path, Exception e) =>
        $"{source}:{path}: lease file skipped: unexpected {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")} (a bug in BootRoute: please report it with this file)";
}
