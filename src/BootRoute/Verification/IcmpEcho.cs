using System.Buffers.Binary;
using System.Net;

namespace BootRoute.Verification;

/// <summary>
/// ICMP echo request encoding and reply matching (RFC 792). Raw IPv4 sockets deliver replies with the
/// IP header in front, so matching reads the header too.
/// </summary>
/// <remarks>
/// Echo message: 0 type | 1 code | 2-3 checksum | 4-5 identifier | 6-7 sequence | 8.. payload.
/// </remarks>
public static class IcmpEcho
{
    public const byte EchoReply = 0;
    public const byte EchoRequest = 8;
    public const byte DestinationUnreachable = 3;
    public const byte TimeExceeded = 11;
    private const int HeaderLength = 8;

    public static byte[] Request(ushort identifier, ushort sequence, ReadOnlySpan<byte> payload)
    {
        var packet = Message(EchoRequest, identifier, sequence, payload);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
        return packet;
    }

    /// <summary>An echo message of <paramref name="type"/> with a zero checksum; ICMPv6's has the same layout.</summary>
    public static byte[] Message(byte type, ushort identifier, ushort sequence, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[HeaderLength + payload.Length];
        packet[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
        payload.CopyTo(packet.AsSpan(HeaderLength));
        return packet;
    }

    /// <summary>The Internet checksum: ones' complement of the ones' complement sum of 16-bit words.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        int index = 0;
        for (; index + 1 < data.Length; index += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[index..]);
        }
        if (index < data.Length)
        {
            sum += (uint)(data[index] << 8);
        }
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    /// <summary>
    /// True when <paramref name="datagram"/> (IPv4 header + ICMP) is the echo reply from
    /// <paramref name="target"/> to <paramref name="source"/> for this identifier and sequence.
    /// </summary>
    public static bool IsReplyTo(ReadOnlySpan<byte> datagram, IPAddress target, IPAddress source, ushort identifier, ushort sequence)
    {
        if (datagram.Length < 20 || datagram[0] >> 4 != 4)
        {
            return false;
        }
        int headerLength = (datagram[0] & 0x0F) * 4;
        if (datagram[9] != 1 || datagram.Length < headerLength + HeaderLength)
        {
            return false;
        }
        var from = new IPAddress(datagram.Slice(12, 4));
        var to = new IPAddress(datagram.Slice(16, 4));
        var icmp = datagram[headerLength..];
        return icmp[0] == EchoReply
            && BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]) == identifier
            && BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]) == sequence
            && from.Equals(target)
            && to.Equals(source);
    }

    /// <summary>
    /// When <paramref name="datagram"/> is an ICMP error (destination unreachable, time exceeded) about
    /// our echo request from <paramref name="source"/> to <paramref name="target"/>: who reported it
    /// and why, in `ping`'s words. Null for anything else.
    /// </summary>
    public static string? ErrorAbout(ReadOnlySpan<byte> datagram, IPAddress target, IPAddress source, ushort identifier, ushort sequence)
    {
        if (datagram.Length < 20 || datagram[0] >> 4 != 4 || datagram[9] != 1)
        {
            return null;
        }
        int headerLength = (datagram[0] & 0x0F) * 4;
        var icmp = datagram[headerLength..];
        if (icmp.Length < HeaderLength + 20 || icmp[0] is not (DestinationUnreachable or TimeExceeded))
        {
            return null;
        }
        // The error quotes our request: its IP header, then at least the first 8 bytes of our echo.
        var quoted = icmp[HeaderLength..];
        int quotedHeader = (quoted[0] & 0x0F) * 4;
        if (quoted[0] >> 4 != 4 || quoted[9] != 1 || quoted.Length < quotedHeader + HeaderLength)
        {
            return null;
        }
        var echo = quoted[quotedHeader..];
        if (echo[0] != EchoRequest
            || BinaryPrimitives.ReadUInt16BigEndian(echo[4..]) != identifier
            || BinaryPrimitives.ReadUInt16BigEndian(echo[6..]) != sequence
            || !new IPAddress(quoted.Slice(12, 4)).Equals(source)
            || !new IPAddress(quoted.Slice(16, 4)).Equals(target))
        {
            return null;
        }
        string reason = icmp[0] == TimeExceeded ? "time to live exceeded" : icmp[1] switch
        {
            0 => "destination net unreachable",
            1 => "destination host unreachable",
            3 => "destination port unreachable",
            9 or 10 or 13 => "communication administratively prohibited",
            _ => $"destination unreachable (code {icmp[1]})",
        };
        return $"{reason}, reported by {new IPAddress(datagram.Slice(12, 4))}";
    }
}
