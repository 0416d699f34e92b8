namespace BootRoute.Persistence.Detection;

/// <summary>
/// Shell-style patterns as fnmatch(3) reads them (<c>*</c>, <c>?</c>, <c>[a-z]</c>, <c>[!0-9]</c>),
/// which is what netplan's <c>match: name</c>, networkd's <c>Name=</c> and ifupdown's <c>source</c>
/// use. Pure.
/// </summary>
internal static class Glob
{
    public static bool Matches(string pattern, string text) => Match(pattern, 0, text, 0);

    private static bool Match(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            char c = pattern[p];
            if (c == '*')
            {
                for (int skip = t; skip <= text.Length; skip++)
                {
                    if (Match(pattern, p + 1, text, skip))
                    {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.Length)
            {
                return false;
            }
            if (c == '?')
            {
                p++;
                t++;
                continue;
            }
            if (c == '[' && p + 2 <= pattern.Length && pattern.IndexOf(']', p + 2) is int close and > 0)
            {
                bool negate = pattern[p + 1] is '!' or '^';
                int first = negate ? p + 2 : p + 1;
                bool hit = false;
                for (int i = first; i < close; i++)
                {
                    if (i + 2 < close && pattern[i + 1] == '-')
                    {
                        hit |= text[t] >= pattern[i] && text[t] <= pattern[i + 2];
                        i += 2;
                    }
                    else
                    {
                        hit |= text[t] == pattern[i];
                    }
                }
                if (hit == negate)
                {
                    return false;
                }
                p = close + 1;
                t++;
                continue;
            }
            if (c != text[t])
            {
                return false;
            }
            p++;
            t++;
        }
        return t == text.Length;
    }
}
