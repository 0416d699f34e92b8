using BootRoute.Model;

namespace BootRoute.Discovery.Dhclient;

/// <summary>
/// Parses the text of a dhclient lease file (dhclient.leases(5)) into lease blocks. Pure: the caller
/// reads the file. A file is an append log of blocks like this (columns: keyword, value, <c>;</c>):
/// <code>
/// lease {
///   interface "ens4";                                   quoted interface name
///   fixed-address 100.64.1.57;                          the address
///   option subnet-mask 255.255.255.0;                   → PrefixLength
///   option routers 100.64.1.254;                        option 3, comma-separated; first one is used
///   option rfc3442-classless-static-routes 32,169,…;    option 121 as decimals (Debian's declaration)
///   option unknown-121 20:a9:fe:…;                      option 121 as hex when not declared
///   option ms-classless-static-routes 24,198,…;         option 249, same encoding (also unknown-249)
///   renew 1 2026/11/23 09:40:01;                        %w %Y/%m/%d %H:%M:%S, UTC
///   rebind epoch 1795431799; # Mon Nov 23 10:03:19 2026 or "epoch N" with db-time-format local
///   expire never;                                       or "never" for an infinite lease
/// }
/// </code>
/// Other statements and options are skipped, as are top-level statements (<c>default-duid</c>) and
/// other blocks (<c>lease6</c>). A block that cannot be used gives one diagnostic
/// <c>&lt;path&gt;:&lt;line&gt;: &lt;reason&gt;</c> and is left out; it never throws on bad input.
/// </summary>
internal static class DhclientLeaseParser
{
    /// <summary>Blocks inside blocks; dhclient writes three levels at most (lease6), so eight leaves room and stops a hostile file.</summary>
    internal const int MaximumDepth = 8;

    /// <param name="content">The file's text.</param>
    /// <param name="path">Where it was read, for diagnostics and <see cref="Lease.Source"/> ("dhclient:&lt;path&gt;").</param>
    public static DhclientLeaseFile Parse(string content, string path)
    {
        var blocks = new List<DhclientLeaseBlock>();
        var diagnostics = new List<string>();
        var (tokens, tokenError) = DhclientLeaseTokenizer.Tokenize(content);
        int i = 0;
        while (i < tokens.Count)
        {
            var statement = ReadStatement(tokens, ref i, out var terminator);
            if (terminator?.Kind != DhclientTokenKind.OpenBrace)
            {
                continue; // top-level statement such as default-duid, or trailing words at the end
            }
            int line = terminator.Value.Line;
            bool isLease = statement is [{ Kind: DhclientTokenKind.Word, Text: "lease" }];
            var body = new List<List<DhclientToken>>();
            var end = ReadBlock(tokens, ref i, isLease ? body : null);
            if (end == BlockEnd.TooDeep)
            {
                diagnostics.Add($"{path}:{line}: block nested over {MaximumDepth} levels deep: not a dhclient lease; the rest of the file is skipped");
                break;
            }
            if (!isLease)
            {
                continue;
            }
            if (end == BlockEnd.Unclosed)
            {
                diagnostics.Add($"{path}:{line}: lease block is not closed before the end of the file (truncated write?)");
                continue;
            }
            var (block, error) = DhclientLeaseBuilder.Build(body, line, path);
            if (block is null)
            {
                diagnostics.Add($"{path}:{line}: {error}");
            }
            else
            {
                blocks.Add(block);
            }
        }
        if (tokenError is not null)
        {
            diagnostics.Add($"{path}:{tokenError}");
        }
        return new DhclientLeaseFile(blocks, diagnostics);
    }

    /// <summary>Tokens up to a <c>;</c> or <c>{</c> (returned as the terminator, null at end of input or a stray <c>}</c>).</summary>
    private static List<DhclientToken> ReadStatement(List<DhclientToken> tokens, ref int i, out DhclientToken? terminator)
    {
        var statement = new List<DhclientToken>();
        while (i < tokens.Count)
        {
            var token = tokens[i++];
            if (token.Kind is DhclientTokenKind.Semicolon or DhclientTokenKind.OpenBrace or DhclientTokenKind.CloseBrace)
            {
                terminator = token;
                return statement;
            }
            statement.Add(token);
        }
        terminator = null;
        return statement;
    }

    /// <summary>
    /// Reads statements after a <c>{</c> up to its matching <c>}</c>, collecting the flat ones into
    /// <paramref name="body"/> (nested blocks are skipped). A loop with a depth count, not recursion: a
    /// file of 200,000 <c>{</c> overflowed the stack (a crash no handler can catch). The deepest file dhclient
    /// writes nests three levels (<c>lease6 { ia-na … { iaaddr … { } } }</c>), so anything past
    /// <see cref="MaximumDepth"/> is refused rather than walked.
    /// </summary>
    private static BlockEnd ReadBlock(List<DhclientToken> tokens, ref int i, List<List<DhclientToken>>? body)
    {
        int depth = 1;
        while (i < tokens.Count)
        {
            var statement = ReadStatement(tokens, ref i, out var terminator);
            switch (terminator?.Kind)
            {
                case DhclientTokenKind.Semicolon:
                    if (depth == 1 && statement.Count > 0)
                    {
                        body?.Add(statement);
                    }
                    break;
                case DhclientTokenKind.OpenBrace:
                    if (++depth > MaximumDepth)
                    {
                        return BlockEnd.TooDeep;
                    }
                    break;
                case DhclientTokenKind.CloseBrace:
                    // dhcpd's grammar needs a ';' before '}', but a missing one loses nothing we could not read.
                    if (depth == 1 && statement.Count > 0)
                    {
                        body?.Add(statement);
                    }
                    if (--depth == 0)
                    {
                        return BlockEnd.Closed;
                    }
                    break;
                default:
                    return BlockEnd.Unclosed;
            }
        }
        return BlockEnd.Unclosed;
    }

    private enum BlockEnd
    {
        Closed,
        Unclosed,
        TooDeep,
    }
}
