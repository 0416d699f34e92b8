using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BootRoute.Verification;

/// <summary>
/// Asks a "what is my IP" service (<c>verify.echo_url</c>) which address it saw, over a TCP
/// connection bound to the source address: behind the provider's 1:1 NAT, that is the NIC's floating
/// IP. HTTP/1.0 on purpose: the reply cannot be chunked and ends when the server closes.
/// </summary>
internal static class EchoUrlClient
{
    private const int MaxResponseBytes = 16 * 1024;

    public static async Task<AddressAnswer> AskAsync(IPAddress source, Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var server = await ResolveAsync(url, deadline.Token).ConfigureAwait(false);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(new IPEndPoint(server, url.Port), deadline.Token).ConfigureAwait(false);
            string request = $"GET {url.PathAndQuery} HTTP/1.0\r\nHost: {url.Authority}\r\nUser-Agent: bootroute\r\nAccept: text/plain\r\nConnection: close\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, deadline.Token).ConfigureAwait(false);

            var response = new byte[MaxResponseBytes];
            int length = 0;
            while (length < response.Length)
            {
                int read = await socket.ReceiveAsync(response.AsMemory(length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            var parsed = EchoResponse.Parse(response.AsSpan(0, length), url);
            return parsed.Address is { } address
                ? new AddressAnswer(address, elapsed, $"{url} saw {address} in {elapsed.TotalMilliseconds:0.0} ms")
                : new AddressAnswer(null, elapsed, parsed.Problem!);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AddressAnswer(null, Stopwatch.GetElapsedTime(started), $"no answer from {url} within {timeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException error)
        {
            return new AddressAnswer(null, Stopwatch.GetElapsedTime(started), $"{url} from {source}: {error.Message}");
        }
    }

    private static async Task<IPAddress> ResolveAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.HostNameType == UriHostNameType.IPv4)
        {
            return IPAddress.Parse(url.Host);
        }
        var addresses = await Dns.GetHostAddressesAsync(url.DnsSafeHost, AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false);
        return addresses.Length > 0 ? addresses[0] : throw new SocketException((int)SocketError.HostNotFound);
    }
}
