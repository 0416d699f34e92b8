using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BootRoute.Verification;

/// <summary>
/// ICMP echo over a raw socket bound to the source address. Binding the address (not the device with
/// SO_BINDTODEVICE, which bypasses the policy rules) makes the kernel route the probe exactly as it
/// routes the replies a floating IP sends.
/// </summary>
public sealed class IcmpProber : IProber
{
    private static readonly byte[] Payload = "bootroute-probe"u8.ToArray();
    private static int sequence;

    public async Task<ProbeResult> EchoAsync(IPAddress source, IPAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        ushort identifier = (ushort)Random.Shared.Next(1, ushort.MaxValue);
        ushort number = (ushort)Interlocked.Increment(ref sequence);
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
            socket.Bind(new IPEndPoint(source, 0));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            await socket.SendToAsync(IcmpEcho.Request(identifier, number, Payload), SocketFlags.None, new IPEndPoint(target, 0), deadline.Token)
                .ConfigureAwait(false);
            var buffer = new byte[2048];
            while (true)
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), deadline.Token)
                    .ConfigureAwait(false);
                if (IcmpEcho.IsReplyTo(buffer.AsSpan(0, received.ReceivedBytes), target, source, identifier, number))
                {
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    return new ProbeResult(true, elapsed, $"echo reply from {target} in {elapsed.TotalMilliseconds:0.0} ms");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, Stopwatch.GetElapsedTime(started), $"no echo reply from {target} within {timeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException error)
        {
            return new ProbeResult(false, Stopwatch.GetElapsedTime(started), $"echo to {target} from {source} failed: {error.Message}");
        }
    }
}
