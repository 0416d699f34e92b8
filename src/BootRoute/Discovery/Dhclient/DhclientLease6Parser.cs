using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BootRoute.Model;

namespace BootRoute.Discovery.Dhclient;

/// <summary>
/// The <c>lease6</c> blocks dhclient -6 writes (dhclient.leases(5)):
/// <code>
/// lease6 {
///   interface "ens4";
///   ia-na 3e:00:00:04 {
///     starts 1764655200; renew 1800; rebind 2880;
///     iaaddr 2001:db8:2::1c5 { starts 1764655200; preferred-life 4500; max-life 7200; }
///   }
///   option dhcp6.server-id …;
/// }
/// </code>
/// Each <c>iaaddr</c> of an <c>ia-na</c> is an address of the interface, /128 (DHCPv6 gives no prefix
/// length: the router advertises the on-link prefix) and with no router (DHCPv6 has no router
/// option: it always comes from the router advertisement, the kernel's). It expires at its
/// <c>starts</c> plus <c>max-life</c>. <c>ia-ta</c> and <c>ia-pd</c> (temporary addresses, delegated
/// prefixes) are not the NIC's own addresses and are skipped. The last block per interface wins.
/// </summary>
internal static class DhclientLease6Parser
{
    public static (List<IPv6Lease> Leases, List<string> Diagnostics) Parse(string content, string path)
    {
        var (tokens, tokenError) = DhclientLeaseTokenizer.Tokenize(content);
        var current = new Dictionary<string, List<IPv6Lease>>(StringComparer.Ordinal);
        var diagnostics = new List<string>();
        // The open blocks, innermost last: each one's first words ("lease6", "ia-na …", "iaaddr …").
        var blocks = new Stack<List<DhclientToken>>();
        var statement = new List<DhclientToken>();
        string? interfaceName = null;
        var addresses = new List<(IPAddress Address, int Line, long? Starts, long? MaxLife)>();
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case DhclientTokenKind.OpenBrace when blocks.Count >= DhclientLeaseParser.MaximumDepth:
                    diagnostics.Add($"{path}:{token.Line}: block nested over {DhclientLeaseParser.MaximumDepth} levels deep: not a dhclient lease; the rest of the file is skipped");
                    return (Flatten(current), diagnostics);
                case DhclientTokenKind.OpenBrace:
                    if (blocks.Count == 0 && IsWord(statement, 0, "lease6"))
                    {
                        (interfaceName, addresses) = (null, []);
                    }
                    else if (InLease6(blocks) && IsWord(statement, 0, "iaaddr") && Parent(blocks, "ia-na"))
                    {
                        addresses.Add((ParseAddress(statement), token.Line, null, null));
                    }
                    blocks.Push(statement);
                    statement = [];
                    break;
                case DhclientTokenKind.Semicolon:
                    Statement(statement, blocks, ref interfaceName, addresses);
                    statement = [];
                    break;
                case DhclientTokenKind.CloseBrace:
                    Statement(statement, blocks, ref interfaceName, addresses);
                    statement = [];
                    if (blocks.TryPop(out var closed) && blocks.Count == 0 && IsWord(closed, 0, "lease6"))
                    {
                        Close(path, token.Line, interfaceName, addresses, current, diagnostics);
                    }
                    break;
                default:
                    statement.Add(token);
                    break;
            }
        }
        if (InLease6(blocks))
        {
            diagnostics.Add($"{path}: lease6 block is not closed before the end of the file (truncated write?)");
        }
        if (tokenError is not null)
        {
            diagnostics.Add($"{path}:{tokenError}");
        }
        return (Flatten(current), diagnostics);
    }

    private static void Statement(List<DhclientToken> statement, Stack<List<DhclientToken>> blocks, ref string? interfaceName,
        List<(IPAddress Address, int Line, long? Starts, long? MaxLife)> addresses)
    {
        if (!InLease6(blocks) || statement.Count != 2)
        {
            return;
        }
        if (blocks.Count == 1 && IsWord(statement, 0, "interface") && statement[1].Kind == DhclientTokenKind.QuotedString)
        {
            interfaceName = statement[1].Text;
        }
        else if (blocks.Count == 3 && IsWord(blocks.Peek(), 0, "iaaddr") && addresses.Count > 0
            && long.TryParse(statement[1].Text, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            var last = addresses[^1];
            addresses[^1] = statement[0].Text switch
            {
                "starts" => last with { Starts = seconds },
                "max-life" => last with { MaxLife = seconds },
                _ => last,
            };
        }
    }

    /// <summary>A closed lease6 block: its addresses replace the interface's earlier ones (dhclient appends).</summary>
    private static void Close(string path, int line, string? interfaceName, List<(IPAddress Address, int Line, long? Starts, long? MaxLife)> addresses,
        Dictionary<string, List<IPv6Lease>> current, List<string> diagnostics)
    {
        if (string.IsNullOrEmpty(interfaceName))
        {
            diagnostics.Add($"{path}:{line}: lease6 block names no interface; skipped");
            return;
        }
        var leases = new List<IPv6Lease>();
        foreach (var (address, addressLine, starts, maxLife) in addresses)
        {
            if (address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6Multicast || address.IsIPv4MappedToIPv6)
            {
                diagnostics.Add($"{path}:{addressLine}: iaaddr is not a global IPv6 address; skipped");
                continue;
            }
            // max-life 0xffffffff is infinity (RFC 8415); a start past the calendar is no statement at all.
            DateTimeOffset? expiry = starts is { } s && s <= DateTimeOffset.MaxValue.ToUnixTimeSeconds() && maxLife is { } m and < uint.MaxValue
                ? LeaseValues.ExpiryAfter(DateTimeOffset.FromUnixTimeSeconds(s), TimeSpan.FromSeconds(m)) : null;
            leases.Add(new IPv6Lease(interfaceName, address, 128, null, $"dhclient:{path}") { Expiry = expiry });
        }
        current[interfaceName] = leases;
    }

    private static IPAddress ParseAddress(List<DhclientToken> header) =>
        header.Count == 2 && header[1].Kind == DhclientTokenKind.Word && !header[1].Text.Contains('%', StringComparison.Ordinal)
        && IPAddress.TryParse(header[1].Text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? address : IPAddress.IPv6None;

    private static bool InLease6(Stack<List<DhclientToken>> blocks) => blocks.Count > 0 && IsWord(blocks.Last(), 0, "lease6");

    private static bool Parent(Stack<List<DhclientToken>> blocks, string word) => blocks.Count == 2 && IsWord(blocks.Peek(), 0, word);

    private static bool IsWord(List<DhclientToken> statement, int index, string word) =>
        statement.Count > index && statement[index].Kind == DhclientTokenKind.Word && statement[index].Text == word;

    private static List<IPv6Lease> Flatten(Dictionary<string, List<IPv6Lease>> current) =>
        current.OrderBy(pair => pair.Key, StringComparer.Ordinal).SelectMany(pair => pair.Value).ToList();
}
