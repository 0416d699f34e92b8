using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BootRoute.Verification;

/// <summary>
/// A TCP connect from the source address, for targets behind networks that drop ICMP. A refusal (RST)
/// is an answer too: the target's reply found its way back to this address.
/// </summary>
internal static class TcpProber
{
    public static async Task<ProbeResult> ConnectAsync(Probe probe, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var endpoint = new IPEndPoint(probe.Destination, probe.Port ?? throw new ArgumentException("a TCP probe needs a port", nameof(probe)));
        try
        {
            using var socket = new Socket(probe.Source.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(probe.Source, 0));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(probe.Timeout);
            await socket.ConnectAsync(endpoint, deadline.Token).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            return new ProbeResult(true, elapsed, $"connected to {endpoint} in {elapsed.TotalMilliseconds:0.0} ms");
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionRefused)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            return new ProbeResult(true, elapsed, $"{endpoint} refused the connection in {elapsed.TotalMilliseconds:0.0} ms (its reset came back: the path works)");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, Stopwatch.GetElapsedTime(started), $"no answer from {endpoint} within {probe.Timeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException error)
        {
            return new ProbeResult(false, Stopwatch.GetElapsedTime(started), $"connect to {endpoint} from {probe.Source} failed: {error.Message}");
        }
    }
}
