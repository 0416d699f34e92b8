using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
            bool closed = ReadBlock(tokens, ref i, isLease ? body : null);
            if (!isLease)
            {
                continue;
            }
            if (!closed)
            {
                diagnostics.Add($"{path}:{line}: lease block is not closed before the end of the file (truncated write?)");
                continue;
            }
            var (block, error) = BuildBlock(body, line, path);
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
    /// <paramref name="body"/> (nested blocks are skipped). False when the input ends first.
    /// </summary>
    private static bool ReadBlock(List<DhclientToken> tokens, ref int i, List<List<DhclientToken>>? body)
    {
        while (i < tokens.Count)
        {
            var statement = ReadStatement(tokens, ref i, out var terminator);
            switch (terminator?.Kind)
            {
                case DhclientTokenKind.Semicolon:
                    if (statement.Count > 0)
                    {
                        body?.Add(statement);
                    }
                    break;
                case DhclientTokenKind.OpenBrace:
                    if (!ReadBlock(tokens, ref i, null))
                    {
                        return false;
                    }
                    break;
                case DhclientTokenKind.CloseBrace:
                    return statement.Count == 0 || body is null || AddUnterminated(body, statement);
                default:
                    return false;
            }
        }
        return false;
    }

    // dhcpd's grammar needs a ';' before '}', but a missing one loses nothing we could not read.
    private static bool AddUnterminated(List<List<DhclientToken>> body, List<DhclientToken> statement)
    {
        body.Add(statement);
        return true;
    }

    private static (DhclientLeaseBlock? Block, string? Error) BuildBlock(List<List<DhclientToken>> body, int line, string path)
    {
        string? name = null;
        IPAddress? address = null;
        int? prefixLength = null;
        IPAddress? firstRouter = null;
        List<ClasslessStaticRoute>? option121 = null;
        List<ClasslessStaticRoute>? option249 = null;
        DateTimeOffset? renew = null, rebind = null, expire = null;
        bool sawInterface = false, sawAddress = false;
        var errors = new List<string>();

        foreach (var statement in body)
        {
            string keyword = statement[0].Text;
            var values = statement.Skip(1).ToList();
            switch (keyword)
            {
                case "interface":
                    sawInterface = true;
                    if (values is [{ Kind: DhclientTokenKind.QuotedString } quoted] && quoted.Text.Length > 0)
                    {
                        name = quoted.Text;
                    }
                    else
                    {
                        errors.Add($"line {statement[0].Line}: interface must be one quoted name");
                    }
                    break;
                case "fixed-address":
                    sawAddress = true;
                    address = ParseIPv4(values, "fixed-address", statement[0].Line, errors);
                    break;
                case "renew":
                    renew = ParseTime(values, keyword, statement[0].Line, errors);
                    break;
                case "rebind":
                    rebind = ParseTime(values, keyword, statement[0].Line, errors);
                    break;
                case "expire":
                    expire = ParseTime(values, keyword, statement[0].Line, errors);
                    break;
                case "option" when values.Count >= 1:
                    ReadOption(values, statement[0].Line, errors, ref prefixLength, ref firstRouter, ref option121, ref option249);
                    break;
                default:
                    break; // medium, filename, server-name, bootp, reboot, …: nothing BootRoute uses
            }
        }

        if (!sawInterface)
        {
            errors.Insert(0, "lease has no interface statement");
        }
        if (!sawAddress)
        {
            errors.Insert(0, "lease has no fixed-address");
        }
        if (errors.Count > 0)
        {
            string subject = name is null ? "lease" : $"lease for {name}";
            return (null, $"{subject} skipped: {string.Join("; ", errors)}");
        }

        // RFC 3442: a client that asked for option 121 and got it ignores option 3. Option 249 is
        // Microsoft's pre-standard copy and is only used when 121 is absent.
        var classless = option121 ?? option249;
        IPAddress? gateway = classless is null
            ? firstRouter
            : classless.FirstOrDefault(r => r.Destination.PrefixLength == 0)?.Gateway;
        var lease = new Lease(name!, address!, prefixLength, gateway, classless ?? [], expire, $"dhclient:{path}");
        return (new DhclientLeaseBlock(line, lease, renew, rebind), null);
    }

    private static void ReadOption(
        List<DhclientToken> values, int line, List<string> errors,
        ref int? prefixLength, ref IPAddress? firstRouter,
        ref List<ClasslessStaticRoute>? option121, ref List<ClasslessStaticRoute>? option249)
    {
        string option = values[0].Text;
        var data = values.Skip(1).ToList();
        switch (option)
        {
            case "subnet-mask":
                var mask = ParseIPv4(data, "option subnet-mask", line, errors);
                if (mask is not null)
                {
                    prefixLength = LeaseValues.PrefixFromMask(mask);
                    if (prefixLength is null)
                    {
                        errors.Add($"line {line}: option subnet-mask {mask} is not a contiguous mask");
                    }
                }
                break;
            case "routers":
                if (data is [{ Kind: DhclientTokenKind.Word } list])
                {
                    var routers = list.Text.Split(',').Select(r => ParseIPv4([list with { Text = r }], "option routers", line, errors)).ToList();
                    firstRouter = routers[0];
                }
                else
                {
                    errors.Add($"line {line}: option routers must be a comma-separated list of IPv4 addresses");
                }
                break;
            case "rfc3442-classless-static-routes" or "unknown-121":
                option121 = ParseClassless(data, option, line, errors);
                break;
            case "ms-classless-static-routes" or "unknown-249":
                option249 = ParseClassless(data, option, line, errors);
                break;
            default:
                break;
        }
    }

    private static List<ClasslessStaticRoute>? ParseClassless(List<DhclientToken> data, string option, int line, List<string> errors)
    {
        if (data.Count != 1)
        {
            errors.Add($"line {line}: option {option} must have one value");
            return null;
        }
        if (!ClasslessStaticRouteDecoder.TryParseBytes(data[0], out byte[] bytes, out string? error)
            || !ClasslessStaticRouteDecoder.TryDecode(bytes, out var routes, out error))
        {
            errors.Add($"line {line}: option {option}: {error}");
            return null;
        }
        return routes;
    }

    /// <summary>Only dotted quads: IPAddress.Parse would also take "10" or "10.1" as shorthand forms.</summary>
    private static IPAddress? ParseIPv4(List<DhclientToken> values, string what, int line, List<string> errors)
    {
        if (values is [{ Kind: DhclientTokenKind.Word } word]
            && word.Text.Split('.').Length == 4
            && IPAddress.TryParse(word.Text, out var address)
            && address.AddressFamily == AddressFamily.InterNetwork)
        {
            return address;
        }
        errors.Add($"line {line}: {what} must be an IPv4 address, not \"{string.Join(' ', values.Select(v => v.Text))}\"");
        return null;
    }


    /// <summary>
    /// <c>never</c>, <c>epoch N</c> (seconds since 1970, written when db-time-format is local), or
    /// <c>W YYYY/MM/DD HH:MM:SS</c> in UTC where W is the weekday 0–6 and is not needed.
    /// </summary>
    private static DateTimeOffset? ParseTime(List<DhclientToken> values, string keyword, int line, List<string> errors)
    {
        switch (values)
        {
            case [{ Text: "never" }]:
                return null;
            case [{ Text: "epoch" }, var seconds]
                when long.TryParse(seconds.Text, NumberStyles.None, CultureInfo.InvariantCulture, out long epoch)
                     && epoch <= DateTimeOffset.MaxValue.ToUnixTimeSeconds():
                return DateTimeOffset.FromUnixTimeSeconds(epoch);
            case [{ Text: [>= '0' and <= '6'] }, var date, var time]
                when DateTime.TryParseExact($"{date.Text} {time.Text}", "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture,
                         DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc):
                return new DateTimeOffset(utc, TimeSpan.Zero);
            default:
                errors.Add($"line {line}: {keyword} must be \"never\", \"epoch N\" or \"W YYYY/MM/DD HH:MM:SS\", not \"{string.Join(' ', values.Select(v => v.Text))}\"");
                return null;
        }
    }
}
