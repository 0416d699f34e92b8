using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BootRoute.Verification;

/// <summary>
/// ICMP echo over a raw socket bound to the source address. Binding the address (not the device with
/// SO_BINDTODEVICE, which bypasses the policy rules) makes the kernel route the probe exactly as it
/// routes the replies a floating IP sends. IP_PKTINFO tells which NIC each reply came in by.
/// </summary>
internal static class IcmpProber
{
    private static readonly byte[] Payload = "bootroute-probe"u8.ToArray();
    private static int _sequence;

    public static async Task<ProbeResult> EchoAsync(Probe probe, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        ushort identifier = (ushort)Random.Shared.Next(1, ushort.MaxValue);
        ushort number = (ushort)Interlocked.Increment(ref _sequence);
        string? strayReply = null;
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
            socket.Bind(new IPEndPoint(probe.Source, 0));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(probe.Timeout);
            await socket.SendToAsync(IcmpEcho.Request(identifier, number, Payload), SocketFlags.None, new IPEndPoint(probe.Destination, 0), deadline.Token)
                .ConfigureAwait(false);
            var buffer = new byte[2048];
            while (true)
            {
                var received = await socket.ReceiveMessageFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), deadline.Token)
                    .ConfigureAwait(false);
                var datagram = buffer.AsSpan(0, received.ReceivedBytes);
                if (IcmpEcho.IsReplyTo(datagram, probe.Destination, probe.Source, identifier, number))
                {
                    int ingress = received.PacketInformation.Interface;
                    if (probe.Ingress != 0 && ingress != probe.Ingress)
                    {
                        // Keep listening: only a reply on the source's own NIC proves the path.
                        strayReply = $"the echo reply from {probe.Destination} came in by ifindex {ingress}, not ifindex {probe.Ingress} (asymmetric path)";
                        continue;
                    }
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    return new ProbeResult(true, elapsed, $"echo reply from {probe.Destination} in {elapsed.TotalMilliseconds:0.0} ms");
                }
                if (IcmpEcho.ErrorAbout(datagram, probe.Destination, probe.Source, identifier, number) is { } error)
                {
                    return new ProbeResult(false, Stopwatch.GetElapsedTime(started), $"echo to {probe.Destination}: {error}");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, Stopwatch.GetElapsedTime(started),
                strayReply ?? $"no echo reply from {probe.Destination} within {probe.Timeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException error)
        {
            return new ProbeResult(false, Stopwatch.GetElapsedTime(started), $"echo to {probe.Destination} from {probe.Source} failed: {error.Message}");
        }
    }
}
