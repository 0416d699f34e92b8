using System.Buffers;

namespace BootRoute.Model;

/// <summary>
/// One word of a command line that `plan` prints for pasting into a shell: an interface name is
/// whatever the kernel accepted (<c>e$(id&gt;x)</c> is a valid one), so anything but plain characters is
/// single-quoted, and control characters are escaped so that the command stays on its one line.
/// </summary>
public static class ShellWord
{
    private static readonly SearchValues<char> Plain =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.@%+=:,/-");

    /// <summary>The word as it is when it is plain, else single-quoted (a name with control characters
    /// then names no device: the pasted command fails instead of running something else).</summary>
    public static string Quote(string word) =>
        word.Length > 0 && !word.AsSpan().ContainsAnyExcept(Plain)
            ? word
            : "'" + PrintableText.Escape(word).Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
