using System.Net;

namespace BootRoute.Discovery.Dhcpcd;

/// <summary>
/// The parts of a raw DHCP message (RFC 2131 §2, options per RFC 2132) that a lease needs: the BOOTP
/// header fields and the options, each option's data already joined across repeats (RFC 3396) and
/// across the <c>file</c> and <c>sname</c> fields when option 52 (overload) says they hold options.
/// <code>
/// offset  size  field
///   0      1    op        1 = BOOTREQUEST, 2 = BOOTREPLY
///   1      1    htype     2 hlen   3 hops
///   4      4    xid       8 secs (2)   10 flags (2)
///  12      4    ciaddr
///  16      4    yiaddr    "your" address: the one leased
///  20      4    siaddr    24 giaddr (4)   28 chaddr (16)
///  44     64    sname     options too when option 52 has bit 2 (value 2 or 3)
/// 108    128    file      options too when option 52 has bit 1 (value 1 or 3)
/// 236      4    magic cookie 99.130.83.99
/// 240      …    options: code, length, data; 0 is a lone pad byte, 255 ends the field
/// </code>
/// </summary>
internal sealed class DhcpMessage
{
    public const int MinimumLength = 240;
    private const int SnameOffset = 44, SnameLength = 64, FileOffset = 108, FileLength = 128, CookieOffset = 236;
    private static ReadOnlySpan<byte> MagicCookie => [99, 130, 83, 99];

    private readonly Dictionary<byte, byte[]> _options;

    private DhcpMessage(byte op, IPAddress yourAddress, Dictionary<byte, byte[]> options)
    {
        Op = op;
        YourAddress = yourAddress;
        _options = options;
    }

    public byte Op { get; }

    public IPAddress YourAddress { get; }

    /// <summary>The option's data, or null when the message does not carry it.</summary>
    public byte[]? Option(byte code) => _options.GetValueOrDefault(code);

    /// <summary>Decodes the header and every option field; an error says what is wrong and where.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out DhcpMessage? message, out string? error)
    {
        message = null;
        if (data.Length < MinimumLength)
        {
            error = $"{data.Length} bytes is shorter than a DHCP message's {MinimumLength}-byte header (truncated?)";
            return false;
        }
        if (!data.Slice(CookieOffset, 4).SequenceEqual(MagicCookie))
        {
            error = $"no DHCP magic cookie at byte {CookieOffset} (not a DHCP message)";
            return false;
        }
        var options = new Dictionary<byte, byte[]>();
        if (!TryReadOptions(data[MinimumLength..], MinimumLength, options, out error))
        {
            return false;
        }
        // RFC 2131 §4.1: with overload, the options continue in file, then in sname.
        byte overload = options.TryGetValue(52, out var value) && value.Length == 1 ? value[0] : (byte)0;
        if (options.ContainsKey(52) && (value!.Length != 1 || overload is 0 or > 3))
        {
            error = $"option 52 (overload) must be one byte 1, 2 or 3, not {Convert.ToHexString(value)}";
            return false;
        }
        if ((overload & 1) != 0 && !TryReadOptions(data.Slice(FileOffset, FileLength), FileOffset, options, out error))
        {
            return false;
        }
        if ((overload & 2) != 0 && !TryReadOptions(data.Slice(SnameOffset, SnameLength), SnameOffset, options, out error))
        {
            return false;
        }
        message = new DhcpMessage(data[0], new IPAddress(data.Slice(16, 4)), options);
        return true;
    }

    /// <param name="field">One option field.</param>
    /// <param name="start">Its offset in the message, so errors point at the real byte.</param>
    private static bool TryReadOptions(ReadOnlySpan<byte> field, int start, Dictionary<byte, byte[]> options, out string? error)
    {
        error = null;
        int i = 0;
        while (i < field.Length)
        {
            byte code = field[i];
            if (code == 255)
            {
                return true;
            }
            if (code == 0)
            {
                i++;
                continue;
            }
            if (i + 1 >= field.Length || i + 2 + field[i + 1] > field.Length)
            {
                error = $"option {code} at byte {start + i} runs past the end of its field (truncated?)";
                return false;
            }
            var chunk = field.Slice(i + 2, field[i + 1]);
            // RFC 3396: an option split into several instances is their data concatenated in order.
            options[code] = options.TryGetValue(code, out var earlier) ? [.. earlier, .. chunk] : chunk.ToArray();
            i += 2 + field[i + 1];
        }
        // dhcpcd stores the message as received; a field that ends without 255 is tolerated by
        // clients as long as every option fits, so the options read so far are kept.
        return true;
    }
}
