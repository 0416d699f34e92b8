using System.Net.Sockets;

namespace BootRoute.Verification;

/// <summary>
/// A raw ICMPv6 socket that the kernel hands only echo replies and the errors that may quote an echo
/// request: without the filter every neighbour and router advertisement on the host would wake the
/// prober (RFC 3542 §3.2, ICMP6_FILTER).
/// </summary>
internal static class IcmpV6Socket
{
    private const int IcmpV6Level = 58;
    private const int Icmp6Filter = 1;

    public static Socket Open()
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Raw, ProtocolType.IcmpV6);
        try
        {
            socket.SetRawSocketOption(IcmpV6Level, Icmp6Filter, Filter(IcmpV6Echo.EchoReply, IcmpV6Echo.DestinationUnreachable, IcmpV6Echo.TimeExceeded));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>struct icmp6_filter: 256 bits in host-order 32-bit words, a set bit blocks its type.</summary>
    private static byte[] Filter(params byte[] passed)
    {
        var words = new uint[8];
        Array.Fill(words, uint.MaxValue);
        foreach (byte type in passed)
        {
            words[type >> 5] &= ~(1u << (type & 31));
        }
        var filter = new byte[32];
        Buffer.BlockCopy(words, 0, filter, 0, filter.Length);
        return filter;
    }
}
