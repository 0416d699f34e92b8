using System.Net;
using System.Text;
using System.Text.Json;

namespace BootRoute.Verification;

/// <summary>
/// Reads an echo service's HTTP response: status 200 and a body that is the caller's IPv4 address,
/// as plain text (<c>203.0.113.10</c>, what ifconfig.me/ip, checkip.amazonaws.com and ipify send) or
/// as JSON with an <c>ip</c> field (<c>{"ip":"203.0.113.10"}</c>).
/// </summary>
public sealed record EchoResponse(IPAddress? Address, string? Problem)
{
    public static EchoResponse Parse(ReadOnlySpan<byte> response, Uri url)
    {
        string text = Encoding.ASCII.GetString(response);
        int headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        int separator = 4;
        if (headerEnd < 0)
        {
            headerEnd = text.IndexOf("\n\n", StringComparison.Ordinal);
            separator = 2;
        }
        if (headerEnd < 0)
        {
            return Fail(url, text.Length == 0 ? "closed the connection without a response" : "sent no complete HTTP response");
        }
        string statusLine = text[..text.IndexOf('\n', StringComparison.Ordinal)].TrimEnd('\r');
        string[] status = statusLine.Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            return Fail(url, $"did not answer in HTTP (\"{Shorten(statusLine)}\")");
        }
        if (status[1] != "200")
        {
            return Fail(url, $"answered \"{Shorten(statusLine)}\"");
        }
        string body = text[(headerEnd + separator)..].Trim();
        if (Model.StrictParse.TryParseIPv4(body, out var address) || (FromJson(body) is { } json && Model.StrictParse.TryParseIPv4(json, out address)))
        {
            return new EchoResponse(address, null);
        }
        return Fail(url, $"answered \"{Shorten(body)}\", which is not an IPv4 address");
    }

    private static string? FromJson(string body)
    {
        if (!body.StartsWith('{'))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("ip", out var ip) && ip.ValueKind == JsonValueKind.String ? ip.GetString() : null;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string GetString cannot decode (a lone surrogate "\ud800" throws
            // InvalidOperationException): either way the service gave no address, so no answer.
            return null;
        }
    }

    private static EchoResponse Fail(Uri url, string problem) => new(null, $"{url} {problem}");

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
