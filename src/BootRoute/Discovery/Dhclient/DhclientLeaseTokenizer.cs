using System.Text;

namespace BootRoute.Discovery.Dhclient;

internal enum DhclientTokenKind
{
    Word,
    QuotedString,
    OpenBrace,
    CloseBrace,
    Semicolon,
}

/// <summary>One token of a lease file and the 1-based line it starts on, for diagnostics.</summary>
internal readonly record struct DhclientToken(DhclientTokenKind Kind, string Text, int Line);

/// <summary>
/// Splits dhclient's lease database (dhclient.leases(5)) into tokens. The grammar is dhcpd.conf's:
/// statements end in <c>;</c>, blocks are <c>{ … }</c>, <c>#</c> starts a comment (dhclient writes one
/// after <c>epoch N;</c>), strings are double-quoted with backslash escapes. A word is everything else
/// up to whitespace or punctuation, so <c>24,100,64,1,…</c>, <c>18:64:40:…</c> and dates stay whole.
/// </summary>
internal static class DhclientLeaseTokenizer
{
    /// <summary>
    /// Returns the tokens, and an error text when the file ends inside a string (a truncated write);
    /// the tokens before that string are still returned so earlier blocks can be used.
    /// </summary>
    public static (List<DhclientToken> Tokens, string? Error) Tokenize(string content)
    {
        var tokens = new List<DhclientToken>();
        int line = 1;
        int i = 0;
        while (i < content.Length)
        {
            char c = content[i];
            switch (c)
            {
                case '\n':
                    line++;
                    i++;
                    break;
                case '#':
                    while (i < content.Length && content[i] != '\n')
                    {
                        i++;
                    }
                    break;
                case '{':
                    tokens.Add(new(DhclientTokenKind.OpenBrace, "{", line));
                    i++;
                    break;
                case '}':
                    tokens.Add(new(DhclientTokenKind.CloseBrace, "}", line));
                    i++;
                    break;
                case ';':
                    tokens.Add(new(DhclientTokenKind.Semicolon, ";", line));
                    i++;
                    break;
                case '"':
                    int start = line;
                    string? text = ReadString(content, ref i, ref line);
                    if (text is null)
                    {
                        return (tokens, $"{start}: string is not closed before the end of the file");
                    }
                    tokens.Add(new(DhclientTokenKind.QuotedString, text, start));
                    break;
                default:
                    if (char.IsWhiteSpace(c))
                    {
                        i++;
                        break;
                    }
                    int from = i;
                    while (i < content.Length && !char.IsWhiteSpace(content[i]) && content[i] is not ('{' or '}' or ';' or '"' or '#'))
                    {
                        i++;
                    }
                    tokens.Add(new(DhclientTokenKind.Word, content[from..i], line));
                    break;
            }
        }
        return (tokens, null);
    }

    /// <summary>
    /// Reads a quoted string starting at the opening quote. dhclient escapes non-printable bytes as
    /// <c>\ooo</c> octal and <c>"</c> / <c>\</c> with a backslash; both are undone here so that a string
    /// holding binary option data (dhclient prints data as a string when every byte is printable)
    /// can be decoded byte for byte. Returns null when the file ends first.
    /// </summary>
    private static string? ReadString(string content, ref int i, ref int line)
    {
        var text = new StringBuilder();
        i++;
        while (i < content.Length)
        {
            char c = content[i++];
            if (c == '"')
            {
                return text.ToString();
            }
            if (c == '\n')
            {
                line++;
            }
            if (c == '\\' && i < content.Length)
            {
                if (i + 2 < content.Length && IsOctal(content[i]) && IsOctal(content[i + 1]) && IsOctal(content[i + 2]))
                {
                    text.Append((char)(((content[i] - '0') * 64) + ((content[i + 1] - '0') * 8) + (content[i + 2] - '0')));
                    i += 3;
                    continue;
                }
                c = content[i++];
            }
            text.Append(c);
        }
        return null;
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
