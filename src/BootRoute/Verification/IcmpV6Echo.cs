using System.Buffers.Binary;
using System.Net;

namespace BootRoute.Verification;

/// <summary>
/// ICMPv6 echo request encoding and reply matching (RFC 4443). A raw ICMPv6 socket delivers the
/// message without the IPv6 header, so the reply's source comes from the socket address and its
/// destination from IPV6_PKTINFO; the kernel computes the checksum of what is sent (RFC 3542 §3.1),
/// so the request leaves it zero.
/// </summary>
/// <remarks>
/// Echo message: 0 type | 1 code | 2-3 checksum | 4-5 identifier | 6-7 sequence | 8.. payload.
/// An error message quotes the offending packet from its IPv6 header on: next header at 6, source
/// at 8-23, destination at 24-39, our echo at 40.
/// </remarks>
public static class IcmpV6Echo
{
    public const byte DestinationUnreachable = 1;
    public const byte TimeExceeded = 3;
    public const byte EchoRequest = 128;
    public const byte EchoReply = 129;
    private const int HeaderLength = 8;
    private const int IPv6HeaderLength = 40;
    private const byte NextHeaderIcmpV6 = 58;

    public static byte[] Request(ushort identifier, ushort sequence, ReadOnlySpan<byte> payload) =>
        IcmpEcho.Message(EchoRequest, identifier, sequence, payload);

    /// <summary>
    /// True when <paramref name="message"/> (ICMPv6, no IP header), which came from <paramref name="from"/>
    /// to <paramref name="to"/>, is the echo reply of <paramref name="target"/> to <paramref name="source"/>
    /// for this identifier and sequence. Scope ids are not compared: a link-local router's reply carries
    /// the ifindex it came in by, which the prober judges on its own.
    /// </summary>
    public static bool IsReplyTo(
        ReadOnlySpan<byte> message, IPAddress from, IPAddress to, IPAddress target, IPAddress source, (ushort Identifier, ushort Sequence) echo) =>
        message.Length >= HeaderLength
        && message[0] == EchoReply
        && BinaryPrimitives.ReadUInt16BigEndian(message[4..]) == echo.Identifier
        && BinaryPrimitives.ReadUInt16BigEndian(message[6..]) == echo.Sequence
        && SameAddress(from, target)
        && SameAddress(to, source);

    /// <summary>
    /// When <paramref name="message"/> is an ICMPv6 error (destination unreachable, time exceeded) about
    /// our echo request from <paramref name="source"/> to <paramref name="target"/>: who reported it
    /// (<paramref name="from"/>) and why, in `ping`'s words. Null for anything else.
    /// </summary>
    public static string? ErrorAbout(
        ReadOnlySpan<byte> message, IPAddress from, IPAddress target, IPAddress source, (ushort Identifier, ushort Sequence) echo)
    {
        if (message.Length < HeaderLength + IPv6HeaderLength + HeaderLength || message[0] is not (DestinationUnreachable or TimeExceeded))
        {
            return null;
        }
        var quoted = message[HeaderLength..];
        var request = quoted[IPv6HeaderLength..];
        if (quoted[0] >> 4 != 6 || quoted[6] != NextHeaderIcmpV6
            || request[0] != EchoRequest
            || BinaryPrimitives.ReadUInt16BigEndian(request[4..]) != echo.Identifier
            || BinaryPrimitives.ReadUInt16BigEndian(request[6..]) != echo.Sequence
            || !SameAddress(new IPAddress(quoted.Slice(8, 16)), source)
            || !SameAddress(new IPAddress(quoted.Slice(24, 16)), target))
        {
            return null;
        }
        string reason = message[0] == TimeExceeded ? "time exceeded" : message[1] switch
        {
            0 => "no route to destination",
            1 => "communication administratively prohibited",
            3 => "address unreachable",
            4 => "port unreachable",
            5 or 6 => "source address failed policy",
            _ => $"destination unreachable (code {message[1]})",
        };
        return $"{reason}, reported by {WithoutScope(from)}";
    }

    /// <summary>The address without its scope id, as ping prints the reporter of an error; an IPv4 address as it is.</summary>
    public static IPAddress WithoutScope(IPAddress address) =>
        address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || address.ScopeId == 0 ? address : new IPAddress(address.GetAddressBytes());

    private static bool SameAddress(IPAddress left, IPAddress right) =>
        left.AddressFamily == right.AddressFamily && left.GetAddressBytes().AsSpan().SequenceEqual(right.GetAddressBytes());
}
