using System.Net;
using BootRoute.Discovery.Dhclient;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>Lease files written by the real dhclient (see Fixtures/dhclient/README.md).</summary>
public class DhclientLeaseFixtureTests
{
    private static DhclientLeaseFile ParseFixture(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "dhclient", name);
        return DhclientLeaseParser.Parse(File.ReadAllText(path), path);
    }

    [Fact]
    public void Plain_lease_takes_gateway_from_routers()
    {
        var file = ParseFixture("dhclient.ens3.leases");

        Assert.Empty(file.Diagnostics);
        var lease = Assert.Single(file.Blocks).Lease;
        Assert.Equal("ens3", lease.Interface);
        Assert.Equal(IPAddress.Parse("100.64.1.58"), lease.Address);
        Assert.Equal(24, lease.PrefixLength);
        Assert.Equal(IPAddress.Parse("100.64.1.1"), lease.Gateway);
        Assert.Empty(lease.ClasslessStaticRoutes);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 10, 45, TimeSpan.Zero), lease.Expiry);
        Assert.EndsWith("Fixtures/dhclient/dhclient.ens3.leases", lease.Source, StringComparison.Ordinal);
        Assert.StartsWith("dhclient:/", lease.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Option_121_decimal_form_wins_over_routers()
    {
        var file = ParseFixture("dhclient.ens4.leases");

        Assert.Empty(file.Diagnostics);
        var block = Assert.Single(file.Blocks);
        Assert.Equal(1, block.Line);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 40, 1, TimeSpan.Zero), block.Renew);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 3, 19, TimeSpan.Zero), block.Rebind);
        var lease = block.Lease;
        // routers says 100.64.1.254; option 121's 0/0 says 100.64.1.1 and wins (RFC 3442).
        Assert.Equal(IPAddress.Parse("100.64.1.1"), lease.Gateway);
        Assert.Equal(
            ["169.254.169.254/32 via 100.64.1.1", "0.0.0.0/0 via 100.64.1.1"],
            lease.ClasslessStaticRoutes.Select(r => $"{r.Destination} via {r.Gateway}"));
    }

    [Fact]
    public void Several_blocks_last_one_is_current()
    {
        var file = ParseFixture("dhclient.ens5.leases");

        Assert.Empty(file.Diagnostics);
        Assert.Equal(2, file.Blocks.Count);
        Assert.Equal([1, 17], file.Blocks.Select(b => b.Line));
        var current = Assert.Single(file.LastPerInterface());
        Assert.Equal(17, current.Line);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 10, 56, TimeSpan.Zero), current.Lease.Expiry);
    }

    [Fact]
    public void Undeclared_option_121_hex_form_with_odd_width()
    {
        var lease = Assert.Single(ParseFixture("dhclient-unknown121-ens6.lease").Blocks).Lease;

        Assert.Equal("ens6", lease.Interface);
        Assert.Equal(IPAddress.Parse("100.64.1.1"), lease.Gateway);
        Assert.Equal(
            ["100.64.0.0/20 via 100.64.1.1", "0.0.0.0/0 via 100.64.1.1"],
            lease.ClasslessStaticRoutes.Select(r => $"{r.Destination} via {r.Gateway}"));
    }

    [Fact]
    public void Option_249_is_decoded_like_121()
    {
        var lease = Assert.Single(ParseFixture("dhclient-ms249-ens7.leases").Blocks).Lease;

        Assert.Equal(IPAddress.Parse("100.64.1.1"), lease.Gateway);
        Assert.Equal(
            ["198.51.100.0/24 via 100.64.1.1", "0.0.0.0/0 via 100.64.1.1"],
            lease.ClasslessStaticRoutes.Select(r => $"{r.Destination} via {r.Gateway}"));
    }
}
