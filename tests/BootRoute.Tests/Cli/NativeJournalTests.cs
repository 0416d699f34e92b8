using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using BootRoute.Cli;
using BootRoute.Reporting;
using Xunit;

namespace BootRoute.Tests.Cli;

/// <summary>
/// Issue 17: the NIC and check as journal fields, over journald's native protocol, read back from a
/// datagram socket of the test's own (never the host's journal).
/// </summary>
public sealed class NativeJournalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bootroute-journal-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Reads a datagram as journald does: KEY=value lines, or KEY\n + 64-bit LE length + value + \n.</summary>
    private static List<KeyValuePair<string, string>> Decode(byte[] datagram)
    {
        var fields = new List<KeyValuePair<string, string>>();
        int at = 0;
        while (at < datagram.Length)
        {
            int end = Array.IndexOf(datagram, (byte)'\n', at);
            int equals = Array.IndexOf(datagram, (byte)'=', at, end - at);
            if (equals >= 0)
            {
                fields.Add(new(Encoding.ASCII.GetString(datagram, at, equals - at), Encoding.UTF8.GetString(datagram, equals + 1, end - equals - 1)));
                at = end + 1;
                continue;
            }
            string name = Encoding.ASCII.GetString(datagram, at, end - at);
            int length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(datagram.AsSpan(end + 1, 8)));
            fields.Add(new(name, Encoding.UTF8.GetString(datagram, end + 9, length)));
            Assert.Equal((byte)'\n', datagram[end + 9 + length]);
            at = end + 10 + length;
        }
        return fields;
    }

    private static Report FailedVerify() => new("verify", ExitCodes.VerificationFailed, "x")
    {
        Interfaces =
        [
            new InterfaceReport
            {
                Name = "ens4", Address = "100.64.2.10", PrefixLength = 24, Gateway = "100.64.2.1", Table = 102, Priority = 102, Primary = false,
                LeaseSource = "dhclient", Verified = false,
                Checks = [new CheckReport("gateway", "100.64.2.1 from 100.64.2.10", true, "answered", 0.1), new CheckReport("floating", "203.0.113.20", false, "floating IP silent: from ens3\n(forged)", 2000)],
            },
        ],
        Held = [new HeldReport("ens5", "ens5: no DHCP lease found", 103, 103, false)],
    };

    [Fact]
    public void Each_check_and_held_nic_is_one_datagram_with_its_interface_and_check_fields()
    {
        string path = Path.Combine(_directory, "socket");
        using var journal = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        journal.Bind(new UnixDomainSocketEndPoint(path));
        journal.ReceiveTimeout = 5000;

        Assert.True(NativeJournal.Send(ReportJournal.EntriesOf(FailedVerify()), path));

        var received = new List<List<KeyValuePair<string, string>>>();
        var buffer = new byte[65536];
        for (int i = 0; i < 3; i++)
        {
            int length = journal.Receive(buffer);
            received.Add(Decode(buffer[..length]));
        }
        Assert.Equal(0, journal.Available);
        var floating = received[1].ToDictionary(field => field.Key, field => field.Value);
        Assert.Equal("ens4", floating["INTERFACE"]);
        Assert.Equal("floating", floating["BOOTROUTE_CHECK"]);
        Assert.Equal("203.0.113.20", floating["BOOTROUTE_CHECK_TARGET"]);
        Assert.Equal("0", floating["BOOTROUTE_CHECK_OK"]);
        Assert.Equal("3", floating["PRIORITY"]);
        Assert.Equal("verify", floating["BOOTROUTE_COMMAND"]);
        Assert.Equal("bootroute", floating["SYSLOG_IDENTIFIER"]);
        // An outside newline cannot forge a line: escaped, like every printed line.
        Assert.Equal("bootroute: ens4 floating FAIL: floating IP silent: from ens3\\x0a(forged)", floating["MESSAGE"]);
        Assert.Equal(("6", "1", "gateway"), (received[0].Single(f => f.Key == "PRIORITY").Value, received[0].Single(f => f.Key == "BOOTROUTE_CHECK_OK").Value, received[0].Single(f => f.Key == "BOOTROUTE_CHECK").Value));
        Assert.Contains(new KeyValuePair<string, string>("INTERFACE", "ens5"), received[2]);
        Assert.Contains(new KeyValuePair<string, string>("MESSAGE", "bootroute: ens5: not managed: ens5: no DHCP lease found"), received[2]);
    }

    [Fact]
    public void A_value_with_a_newline_is_sent_in_the_binary_safe_length_form()
    {
        byte[] datagram = NativeJournal.Encode([new("MESSAGE", "two\nlines"), new("INTERFACE", "ens4")]);

        byte[] expected = [.. "MESSAGE\n"u8, 9, 0, 0, 0, 0, 0, 0, 0, .. "two\nlines\n"u8, .. "INTERFACE=ens4\n"u8];
        Assert.Equal(expected, datagram);
        Assert.Equal([new("MESSAGE", "two\nlines"), new("INTERFACE", "ens4")], Decode(datagram));
    }

    [Theory]
    [InlineData("INTERFACE", true)]
    [InlineData("BOOTROUTE_CHECK_OK", true)]
    [InlineData("_PID", false)]
    [InlineData("interface", false)]
    [InlineData("1X", false)]
    [InlineData("A=B", false)]
    public void Field_names_follow_journald(string name, bool valid)
    {
        Assert.Equal(valid, NativeJournal.IsFieldName(name));
        if (!valid)
        {
            Assert.Throws<ArgumentException>(() => NativeJournal.Encode([new(name, "x")]));
        }
    }

    [Fact]
    public void No_journal_socket_is_no_error()
    {
        Assert.False(NativeJournal.Send(ReportJournal.EntriesOf(FailedVerify()), Path.Combine(_directory, "absent")));
    }

    [Theory]
    [InlineData(null, "8:12345", "socket:[12345]", true)]
    [InlineData("1", null, "/dev/pts/0", false)]            // forced prefixes (systemd-cat, the lab): no datagrams
    [InlineData("1", "8:12345", "socket:[12345]", true)]
    [InlineData("0", "8:12345", "socket:[12345]", false)]
    public void Fields_only_when_stderr_really_is_the_journal(string? force, string? journalStream, string? stderrTarget, bool expected) =>
        Assert.Equal(expected, JournalStream.DetectJournal(force, journalStream, stderrTarget));
}
