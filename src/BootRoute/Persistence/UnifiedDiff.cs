using System.Globalization;
using System.Text;

namespace BootRoute.Persistence;

/// <summary>
/// Unified diffs (<c>diff -u</c>, three lines of context) of the small text files BootRoute persists,
/// so that <c>bootroute plan</c> shows exactly what would be written. A longest common subsequence over
/// lines is plenty for files of a few hundred lines. Pure.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;
    private const string NoNewline = "\\ No newline at end of file";

    /// <param name="before">The file now, null when absent (diffed against /dev/null).</param>
    /// <param name="after">The file wanted, null when it is to be deleted.</param>
    public static string Format(string path, string? before, string? after)
    {
        var old = Lines(before);
        var @new = Lines(after);
        var edits = Edits(old, @new);
        if (edits.All(edit => edit.Kind == ' '))
        {
            return "";
        }
        var text = new StringBuilder();
        text.Append("--- ").AppendLine(before is null ? "/dev/null" : path);
        text.Append("+++ ").AppendLine(after is null ? "/dev/null" : path);
        foreach (var hunk in Hunks(edits))
        {
            AppendHunk(text, edits, hunk.Start, hunk.End, old, @new);
        }
        return text.ToString();
    }

    private readonly record struct Edit(char Kind, int OldIndex, int NewIndex);

    /// <summary>Lines without their terminators; a file that does not end in a newline is marked by its last line.</summary>
    private sealed record FileLines(IReadOnlyList<string> Items, bool MissingFinalNewline)
    {
        public int Count => Items.Count;
    }

    private static FileLines Lines(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return new FileLines([], false);
        }
        var items = content.Split('\n').ToList();
        bool missingNewline = items[^1].Length != 0;
        if (!missingNewline)
        {
            items.RemoveAt(items.Count - 1);
        }
        return new FileLines(items, missingNewline);
    }

    private static bool SameLine(FileLines old, int i, FileLines @new, int j) =>
        old.Items[i] == @new.Items[j]
        && (i == old.Count - 1 && old.MissingFinalNewline) == (j == @new.Count - 1 && @new.MissingFinalNewline);

    /// <summary>The edit script from a longest-common-subsequence table, deletions before insertions.</summary>
    private static List<Edit> Edits(FileLines old, FileLines @new)
    {
        int n = old.Count, m = @new.Count;
        var common = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
        {
            for (int j = m - 1; j >= 0; j--)
            {
                common[i, j] = SameLine(old, i, @new, j) ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }
        var edits = new List<Edit>(n + m);
        int a = 0, b = 0;
        while (a < n || b < m)
        {
            if (a < n && b < m && SameLine(old, a, @new, b))
            {
                edits.Add(new Edit(' ', a++, b++));
            }
            else if (a < n && (b == m || common[a + 1, b] >= common[a, b + 1]))
            {
                edits.Add(new Edit('-', a++, b));
            }
            else
            {
                edits.Add(new Edit('+', a, b++));
            }
        }
        return edits;
    }

    /// <summary>Ranges of the edit script to print: each change with up to three unchanged lines around it, close ones merged.</summary>
    private static List<(int Start, int End)> Hunks(List<Edit> edits)
    {
        var hunks = new List<(int Start, int End)>();
        for (int i = 0; i < edits.Count; i++)
        {
            if (edits[i].Kind == ' ')
            {
                continue;
            }
            int start = Math.Max(0, i - Context);
            int end = i;
            // Changes at most two contexts apart share a hunk, as in diff -u.
            for (int j = i + 1; j < edits.Count; j++)
            {
                if (edits[j].Kind != ' ')
                {
                    if (j - end - 1 > 2 * Context)
                    {
                        break;
                    }
                    end = j;
                }
            }
            end = Math.Min(edits.Count - 1, end + Context);
            if (hunks.Count > 0 && start <= hunks[^1].End + 1)
            {
                hunks[^1] = (hunks[^1].Start, end);
            }
            else
            {
                hunks.Add((start, end));
            }
            i = end;
        }
        return hunks;
    }

    private static void AppendHunk(StringBuilder text, List<Edit> edits, int start, int end, FileLines old, FileLines @new)
    {
        int oldCount = 0, newCount = 0;
        for (int i = start; i <= end; i++)
        {
            if (edits[i].Kind != '+')
            {
                oldCount++;
            }
            if (edits[i].Kind != '-')
            {
                newCount++;
            }
        }
        // diff -u numbers from 1; an empty side is given as the line before it (0 at the top).
        int oldStart = oldCount == 0 ? edits[start].OldIndex : edits[start].OldIndex + 1;
        int newStart = newCount == 0 ? edits[start].NewIndex : edits[start].NewIndex + 1;
        text.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).AppendLine(" @@");
        for (int i = start; i <= end; i++)
        {
            var edit = edits[i];
            var (lines, index) = edit.Kind == '+' ? (@new, edit.NewIndex) : (old, edit.OldIndex);
            text.Append(edit.Kind).AppendLine(lines.Items[index]);
            if (index == lines.Count - 1 && lines.MissingFinalNewline)
            {
                text.AppendLine(NoNewline);
            }
        }
    }

    private static string Range(int start, int count) =>
        count == 1 ? start.ToString(CultureInfo.InvariantCulture) : $"{start.ToString(CultureInfo.InvariantCulture)},{count.ToString(CultureInfo.InvariantCulture)}";
}
