using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace BootRoute.Cli;

/// <summary>
/// journald's native protocol (systemd's "Native Journal Protocol"): one datagram per entry to
/// <see cref="Paths.Kernel.JournalSocket"/>, each field <c>KEY=value\n</c>, or, for a value holding a
/// newline, <c>KEY\n</c>, the value's length as a 64-bit little-endian number, the value and <c>\n</c>.
/// That is how fields other than MESSAGE (INTERFACE, BOOTROUTE_CHECK) reach the journal, so
/// <c>journalctl INTERFACE=ens4</c> finds a NIC's lines. Best effort: the text on stdout and stderr
/// already went to the journal, so a socket that is missing or full costs only the fields.
/// </summary>
internal static class NativeJournal
{
    /// <summary>Far below journald's datagram limit; a longer value is cut, never sent in pieces.</summary>
    public const int MaximumValueBytes = 8 * 1024;

    /// <summary>The datagram of one entry: the fields in order, names as given (upper case, digits, '_').</summary>
    public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var datagram = new MemoryStream();
        var length = new byte[8];
        foreach (var (name, value) in fields)
        {
            if (!IsFieldName(name))
            {
                throw new ArgumentException($"not a journal field name: {name}", nameof(fields));
            }
            byte[] bytes = Encoding.UTF8.GetBytes(value);
            if (bytes.Length > MaximumValueBytes)
            {
                bytes = bytes[..MaximumValueBytes];
            }
            datagram.Write(Encoding.ASCII.GetBytes(name));
            if (Array.IndexOf(bytes, (byte)'\n') < 0)
            {
                datagram.WriteByte((byte)'=');
                datagram.Write(bytes);
            }
            else
            {
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)bytes.Length);
                datagram.WriteByte((byte)'\n');
                datagram.Write(length);
                datagram.Write(bytes);
            }
            datagram.WriteByte((byte)'\n');
        }
        return datagram.ToArray();
    }

    /// <summary>Sends each entry as one datagram to <paramref name="socketPath"/>; false when the journal took none of them.</summary>
    public static bool Send(IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> entries, string socketPath = Paths.Kernel.JournalSocket)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            var journal = new UnixDomainSocketEndPoint(socketPath);
            foreach (var entry in entries)
            {
                socket.SendTo(Encode(entry), journal);
            }
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>systemd's rule: A–Z, 0–9 and '_', not starting with '_' (trusted fields) or a digit, at most 64 characters.</summary>
    public static bool IsFieldName(string name) =>
        name.Length is > 0 and <= 64 && name[0] is not ('_' or (>= '0' and <= '9'))
        && name.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');
}
