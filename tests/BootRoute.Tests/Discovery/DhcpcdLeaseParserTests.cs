using System.Net;
using BootRoute.Discovery.Dhcpcd;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>Hand-built messages for what dnsmasq would not send: overload, bad options, hostile bytes.</summary>
public class DhcpcdLeaseParserTests
{
    private static readonly DateTimeOffset Written = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A BOOTREPLY leasing 100.64.1.57 with the given option field (the 255 end is up to the caller).</summary>
    internal static byte[] Message(byte[] options, byte op = 2, byte[]? sname = null, byte[]? file = null)
    {
        byte[] message = new byte[240 + options.Length];
        message[0] = op;
        new byte[] { 100, 64, 1, 57 }.CopyTo(message, 16);
        sname?.CopyTo(message, 44);
        file?.CopyTo(message, 108);
        new byte[] { 99, 130, 83, 99 }.CopyTo(message, 236);
        options.CopyTo(message, 240);
        return message;
    }

    private static string Diagnostic(byte[] content)
    {
        var (lease, diagnostic) = DhcpcdLeaseParser.Parse(content, "ens4", Written, "/db/ens4.lease");
        Assert.Null(lease);
        Assert.StartsWith("dhcpcd:/db/ens4.lease: lease for ens4 skipped: ", diagnostic, StringComparison.Ordinal);
        return diagnostic!["dhcpcd:/db/ens4.lease: lease for ens4 skipped: ".Length..];
    }

    private static BootRoute.Model.Lease Lease(byte[] content)
    {
        var (lease, diagnostic) = DhcpcdLeaseParser.Parse(content, "ens4", Written, "/db/ens4.lease");
        Assert.Null(diagnostic);
        return lease!;
    }

    [Fact]
    public void Bootp_reply_without_options_is_an_address_only_lease()
    {
        var lease = Lease(Message([255]));

        Assert.Equal(IPAddress.Parse("100.64.1.57"), lease.Address);
        Assert.Null(lease.PrefixLength);
        Assert.Null(lease.Gateway);
        Assert.Null(lease.Expiry);
    }

    [Fact]
    public void Overload_reads_options_from_file_then_sname()
    {
        // Option 52 = 3: routers is in file, the mask in sname; pads are skipped.
        var lease = Lease(Message([53, 1, 5, 52, 1, 3, 255], file: [0, 3, 4, 100, 64, 1, 9, 255], sname: [1, 4, 255, 255, 240, 0, 255]));

        Assert.Equal(IPAddress.Parse("100.64.1.9"), lease.Gateway);
        Assert.Equal(20, lease.PrefixLength);
    }

    [Fact]
    public void Repeated_option_is_concatenated_per_rfc_3396()
    {
        // Option 121 split in two: "0.0.0.0/0 via 100.64" + ".1.7".
        var lease = Lease(Message([3, 4, 100, 64, 1, 254, 121, 3, 0, 100, 64, 121, 2, 1, 7, 255]));

        Assert.Equal(IPAddress.Parse("100.64.1.7"), lease.Gateway);
    }

    [Fact]
    public void Infinite_lease_has_no_expiry()
    {
        Assert.Null(Lease(Message([51, 4, 255, 255, 255, 255, 255])).Expiry);
        Assert.Equal(Written.AddSeconds(258), Lease(Message([51, 4, 0, 0, 1, 2, 255])).Expiry);
    }

    [Fact]
    public void Empty_option_121_means_no_default_route()
    {
        var lease = Lease(Message([3, 4, 100, 64, 1, 254, 121, 0, 255]));

        Assert.Null(lease.Gateway);
        Assert.Empty(lease.ClasslessStaticRoutes);
    }

    [Fact]
    public void Option_121_wins_over_249()
    {
        var lease = Lease(Message([249, 5, 0, 100, 64, 1, 8, 121, 5, 0, 100, 64, 1, 7, 255]));

        Assert.Equal(IPAddress.Parse("100.64.1.7"), lease.Gateway);
    }

    [Theory]
    [InlineData(new byte[0], "0 bytes is shorter than a DHCP message's 240-byte header (truncated?)")]
    [InlineData(new byte[] { 1, 2, 3 }, "3 bytes is shorter than a DHCP message's 240-byte header (truncated?)")]
    public void Short_input_is_a_diagnostic(byte[] content, string expected) => Assert.Equal(expected, Diagnostic(content));

    [Fact]
    public void Hostile_messages_are_diagnostics()
    {
        Assert.Equal("no DHCP magic cookie at byte 236 (not a DHCP message)", Diagnostic(new byte[300]));
        Assert.Equal("op is 1, not 2 (BOOTREPLY)", Diagnostic(Message([255], op: 1)));
        Assert.Equal("message type (option 53) is 02, not 5 (DHCPACK)", Diagnostic(Message([53, 1, 2, 255])));
        Assert.Equal("option 3 at byte 240 runs past the end of its field (truncated?)", Diagnostic(Message([3, 8, 100, 64, 1, 1])));
        Assert.Equal("option 3 at byte 240 runs past the end of its field (truncated?)", Diagnostic(Message([3])));
        Assert.Equal("routers (option 3) is 3 bytes, not a list of 4-byte addresses", Diagnostic(Message([3, 3, 1, 2, 3, 255])));
        Assert.Equal("subnet mask (option 1) FF00FF00 is not a contiguous 4-byte mask", Diagnostic(Message([1, 4, 255, 0, 255, 0, 255])));
        Assert.Equal("lease time (option 51) is 2 bytes, not 4", Diagnostic(Message([51, 2, 1, 1, 255])));
        Assert.Equal("server identifier (option 54) is 1 bytes, not 4", Diagnostic(Message([54, 1, 1, 255])));
        Assert.Equal("option 52 (overload) must be one byte 1, 2 or 3, not 07", Diagnostic(Message([52, 1, 7, 255])));
        Assert.Equal("option 121: prefix width 33 at byte 0 is over 32", Diagnostic(Message([121, 5, 33, 1, 1, 1, 1, 255])));
        Assert.StartsWith("option 121: route at byte 0 (/24) needs 8 bytes", Diagnostic(Message([121, 4, 24, 100, 64, 1, 255])), StringComparison.Ordinal);
        Assert.Equal("option 3 at byte 234 runs past the end of its field (truncated?)", Diagnostic(Message([52, 1, 1, 255], file: [.. Enumerable.Repeat((byte)0, 126), 3, 4])));

        byte[] noAddress = Message([255]);
        noAddress.AsSpan(16, 4).Clear();
        Assert.Equal("yiaddr is 0.0.0.0: the message leases no address", Diagnostic(noAddress));
    }

    [Fact]
    public void Huge_input_is_refused_before_it_is_decoded()
    {
        Assert.Equal("over 65536 bytes: too big for a lease file", Diagnostic(Message(new byte[70_000])));
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(3442);
        for (int i = 0; i < 2000; i++)
        {
            byte[] options = new byte[random.Next(0, 400)];
            random.NextBytes(options);
            byte[] content = Message(options);
            if (i % 2 == 0)
            {
                random.NextBytes(content.AsSpan(0, 240)); // cookie too, most of the time
            }
            var (lease, diagnostic) = DhcpcdLeaseParser.Parse(content, "ens4", Written, "x");
            Assert.True(lease is null != (diagnostic is null));
        }
    }
}
