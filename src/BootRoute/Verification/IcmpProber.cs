using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BootRoute.Verification;

/// <summary>
/// ICMP or ICMPv6 echo over a raw socket bound to the source address. Binding the address (not the device with
/// SO_BINDTODEVICE, which bypasses the policy rules) makes the kernel route the probe exactly as it
/// routes the replies a floating IP sends. IP_PKTINFO (IPV6_PKTINFO) tells which NIC each reply came in by.
/// A link-local destination (an IPv6 router) carries its NIC as scope id, which is what picks the link.
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
        bool ipv6 = probe.Source.AddressFamily == AddressFamily.InterNetworkV6;
        var shown = ipv6 ? IcmpV6Echo.WithoutScope(probe.Destination) : probe.Destination;
        string? strayReply = null;
        try
        {
            using var socket = ipv6 ? IcmpV6Socket.Open() : new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
            socket.SetSocketOption(ipv6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
            socket.Bind(new IPEndPoint(probe.Source, 0));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(probe.Timeout);
            var request = ipv6 ? IcmpV6Echo.Request(identifier, number, Payload) : IcmpEcho.Request(identifier, number, Payload);
            await socket.SendToAsync(request, SocketFlags.None, new IPEndPoint(probe.Destination, 0), deadline.Token).ConfigureAwait(false);
            var buffer = new byte[2048];
            var anyone = new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            while (true)
            {
                var received = await socket.ReceiveMessageFromAsync(buffer, SocketFlags.None, anyone, deadline.Token).ConfigureAwait(false);
                var datagram = buffer.AsSpan(0, received.ReceivedBytes);
                var from = ((IPEndPoint)received.RemoteEndPoint).Address;
                if (ipv6
                        ? IcmpV6Echo.IsReplyTo(datagram, from, received.PacketInformation.Address, probe.Destination, probe.Source, (identifier, number))
                        : IcmpEcho.IsReplyTo(datagram, probe.Destination, probe.Source, identifier, number))
                {
                    int ingress = received.PacketInformation.Interface;
                    if (probe.Ingress != 0 && ingress != probe.Ingress)
                    {
                        // Keep listening: only a reply on the source's own NIC proves the path.
                        strayReply = $"the echo reply from {shown} came in by ifindex {ingress}, not ifindex {probe.Ingress} (asymmetric path)";
                        continue;
                    }
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    return new ProbeResult(true, elapsed, $"echo reply from {shown} in {elapsed.TotalMilliseconds:0.0} ms");
                }
                var error = ipv6
                    ? IcmpV6Echo.ErrorAbout(datagram, from, probe.Destination, probe.Source, (identifier, number))
                    : IcmpEcho.ErrorAbout(datagram, probe.Destination, probe.Source, identifier, number);
                if (error is not null)
                {
                    return new ProbeResult(false, Stopwatch.GetElapsedTime(started), $"echo to {shown}: {error}");
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, Stopwatch.GetElapsedTime(started),
                strayReply ?? $"no echo reply from {shown} within {probe.Timeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException error)
        {
            return new ProbeResult(false, Stopwatch.GetElapsedTime(started), $"echo to {shown} from {probe.Source} failed: {error.Message}");
        }
    }
}
