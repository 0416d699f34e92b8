using BootRoute.Discovery;
using BootRoute.Discovery.Dhclient;
using BootRoute.Discovery.NetworkManager;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>
/// A lease that states its end as a time past year 9999 is dropped with a note naming the file (issue
/// #13); one whose end is merely far off (a huge lifetime counted from a start) is clamped to "never
/// expires" (HostileLeaseInputTests).
/// </summary>
public sealed class ImpossibleExpiryTests
{
    private static readonly DateTimeOffset Written = new(2026, 11, 23, 9, 40, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LastSecond = new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero);
    private const string Dropped = "lies past year 9999: no lease ends then; the lease is skipped";

    [Theory]
    [InlineData("253402300800")]          // 10000-01-01 00:00:00
    [InlineData("99999999999999999")]
    [InlineData("99999999999999999999")]  // past a long too
    public void Network_manager_expiry_past_year_9999_drops_the_lease_with_a_note_naming_the_file(string expiry)
    {
        var (lease, diagnostic) = NetworkManagerDeviceParser.Parse(
            $"[dhcp4]\nip_address=100.64.1.5\nexpiry={expiry}\n", "ens4", Written, "/run/NetworkManager/devices/3");

        Assert.Null(lease);
        Assert.Equal($"networkmanager:/run/NetworkManager/devices/3: lease for ens4 skipped: expiry \"{expiry}\" {Dropped}", diagnostic);
    }

    [Fact]
    public void Network_manager_expiry_in_the_last_second_of_9999_is_kept()
    {
        var (lease, diagnostic) = NetworkManagerDeviceParser.Parse(
            "[dhcp4]\nip_address=100.64.1.5\nexpiry=253402300799\n", "ens4", Written, "/d/3");

        Assert.Null(diagnostic);
        Assert.Equal(LastSecond, lease!.Expiry);
    }

    [Fact]
    public void Network_manager_largest_lease_time_is_clamped_not_dropped()
    {
        var (lease, diagnostic) = NetworkManagerDeviceParser.Parse(
            "[dhcp4]\nip_address=100.64.1.5\ndhcp_lease_time=4294967294\n", "ens4", LastSecond.AddDays(-1), "/d/3");

        Assert.Null(diagnostic);
        Assert.Equal(DateTimeOffset.MaxValue, lease!.Expiry);
    }

    private static string Block(string expire) =>
        $"lease {{\n  interface \"ens4\";\n  fixed-address 100.64.1.5;\n  expire {expire};\n}}\nlease {{\n  interface \"ens5\";\n  fixed-address 100.64.2.5;\n}}\n";

    [Theory]
    [InlineData("epoch 253402300800", "expire epoch 253402300800")]
    [InlineData("epoch 99999999999999999999", "expire epoch 99999999999999999999")]
    [InlineData("6 10000/01/01 00:00:00", "expire 10000/01/01")]
    public void Dhclient_expire_past_year_9999_drops_that_lease_only(string expire, string said)
    {
        var file = DhclientLeaseParser.Parse(Block(expire), "/var/lib/dhcp/dhclient.leases");

        Assert.Equal("ens5", Assert.Single(file.Blocks).Lease.Interface);
        string note = Assert.Single(file.Diagnostics);
        Assert.Contains("/var/lib/dhcp/dhclient.leases", note, StringComparison.Ordinal);
        Assert.EndsWith($"lease for ens4 skipped: line 4: {said} {Dropped}", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("epoch 253402300799")]
    [InlineData("5 9999/12/31 23:59:59")]
    public void Dhclient_expire_in_the_last_second_of_9999_is_kept(string expire)
    {
        var file = DhclientLeaseParser.Parse(Block(expire), "/l");

        Assert.Empty(file.Diagnostics);
        Assert.Equal(LastSecond, file.Blocks.Single(b => b.Lease.Interface == "ens4").Lease.Expiry);
    }

    [Fact]
    public void An_epoch_is_digits_up_to_the_last_second_of_9999()
    {
        Assert.Equal(LastSecond, LeaseValues.ParseEpoch("253402300799"));
        Assert.Null(LeaseValues.ParseEpoch("253402300800"));
        Assert.Null(LeaseValues.ParseEpoch("-1"));
        Assert.True(LeaseValues.IsEpochPastTheCalendar("253402300800"));
        Assert.False(LeaseValues.IsEpochPastTheCalendar("-1"));
        Assert.False(LeaseValues.IsEpochPastTheCalendar(""));
    }
}
