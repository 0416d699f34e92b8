using System.Text;

namespace BootRoute.Persistence;

/// <summary>
/// BootRoute's lines inside a file that belongs to the image (dhcpcd.conf, an ifcfg file, a
/// NetworkManager profile): fenced by comment markers so that everything outside them stays the
/// image's, byte for byte, and removing the block gives back the original file exactly. Every format
/// BootRoute edits takes '#' comments. Pure.
/// </summary>
public static class MarkedBlock
{
    public const string Begin = "# BEGIN bootroute";
    public const string End = "# END bootroute";
    private const string Purpose = ": written by bootroute apply, removed by bootroute remove";

    // Noted on the BEGIN line so that stripping the block can undo what inserting it had to do.
    private const string CreatedNote = " (file created by bootroute)";
    private const string NewlineNote = " (file ended without a newline)";

    public static bool Contains(string? content) => content is not null && SplitLines(content).Any(IsBegin);

    /// <summary>The file without BootRoute's block(s); null when BootRoute created it and nothing else is left.</summary>
    public static string? Strip(string? content)
    {
        if (content is null)
        {
            return null;
        }
        var kept = new StringBuilder();
        bool inside = false, created = false, addedNewline = false;
        foreach (var line in SplitLines(content))
        {
            if (!inside && IsBegin(line))
            {
                inside = true;
                created |= line.Contains(CreatedNote, StringComparison.Ordinal);
                addedNewline |= line.Contains(NewlineNote, StringComparison.Ordinal);
                continue;
            }
            if (inside)
            {
                // A block whose END was cut off runs to the end of the file: it is all BootRoute's.
                inside = !line.TrimEnd('\n').Equals(End, StringComparison.Ordinal);
                continue;
            }
            kept.Append(line);
        }
        string original = kept.ToString();
        if (addedNewline && original.EndsWith('\n'))
        {
            original = original[..^1];
        }
        return created && original.Length == 0 ? null : original;
    }

    /// <summary>
    /// <paramref name="original"/> (null: no such file) with <paramref name="body"/> in a block: at
    /// the end of the file, or, with <paramref name="section"/> (a keyfile group such as "[ipv4]"), at
    /// the end of that group. A group that does not exist is added inside the block.
    /// </summary>
    public static string Insert(string? original, string body, string? section = null)
    {
        string notes = (original is null ? CreatedNote : "") + (original is { Length: > 0 } && !original.EndsWith('\n') ? NewlineNote : "");
        string text = original is { Length: > 0 } && !original.EndsWith('\n') ? original + "\n" : original ?? "";
        var lines = SplitLines(text).ToList();
        int at = lines.Count;
        string block = body;
        if (section is not null)
        {
            int header = lines.FindIndex(line => line.Trim() == section);
            if (header < 0)
            {
                block = $"{section}\n{body}";
                // A new group goes last, after a blank line like the others.
                if (lines.Count > 0 && lines[^1].Trim().Length != 0)
                {
                    block = "\n" + block;
                }
            }
            else
            {
                int next = lines.FindIndex(header + 1, line => line.TrimStart().StartsWith('['));
                at = next < 0 ? lines.Count : next;
                // Before the blank lines that separate the group from the next one.
                while (at > header + 1 && lines[at - 1].Trim().Length == 0)
                {
                    at--;
                }
            }
        }
        lines.Insert(at, $"{Begin}{Purpose}{notes}\n{block}{End}\n");
        return string.Concat(lines);
    }

    private static bool IsBegin(string line) => line.StartsWith(Begin, StringComparison.Ordinal);

    /// <summary>Lines with their '\n' kept, so joining them gives back the text.</summary>
    private static IEnumerable<string> SplitLines(string text)
    {
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                yield return text[start..];
                yield break;
            }
            yield return text[start..(end + 1)];
            start = end + 1;
        }
    }
}
