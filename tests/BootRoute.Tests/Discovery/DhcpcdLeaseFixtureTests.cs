using System.Net;
using BootRoute.Discovery.Dhcpcd;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>Lease files written by the real dhcpcd (see Fixtures/dhcpcd/README.md).</summary>
public class DhcpcdLeaseFixtureTests
{
    private static readonly DateTimeOffset Written = new(2026, 11, 23, 9, 32, 0, TimeSpan.Zero);

    internal static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "dhcpcd", name);

    private static Lease ParseFixture(string name, string iface)
    {
        string path = FixturePath(name);
        var (lease, diagnostic) = DhcpcdLeaseParser.Parse(File.ReadAllBytes(path), iface, Written, path);
        Assert.Null(diagnostic);
        return lease!;
    }

    [Fact]
    public void Plain_lease_takes_gateway_from_routers()
    {
        var lease = ParseFixture("eth0.lease", "eth0");

        Assert.Equal("eth0", lease.Interface);
        Assert.Equal(24, lease.PrefixLength);
        Assert.True(IPNetwork.Parse("100.64.1.48/28").Contains(lease.Address), $"{lease.Address} is in dnsmasq's range");
        Assert.Equal(IPAddress.Parse("100.64.1.1"), lease.Gateway);
        Assert.Empty(lease.ClasslessStaticRoutes);
        Assert.Equal(Written.AddHours(1), lease.Expiry); // option 51 = 3600
        Assert.Equal($"dhcpcd:{FixturePath("eth0.lease")}", lease.Source);
    }

    [Fact]
    public void Option_121_default_route_wins_over_routers()
    {
        var lease = ParseFixture("ens4.lease", "ens4");

        // routers says 100.64.1.254; option 121's 0/0 says 100.64.1.1 and wins (RFC 3442).
        Assert.Equal(IPAddress.Parse("100.64.1.1"), lease.Gateway);
        Assert.Equal(
            ["169.254.169.254/32 via 100.64.1.2", "0.0.0.0/0 via 100.64.1.1"],
            lease.ClasslessStaticRoutes.Select(r => $"{r.Destination} via {r.Gateway}"));
    }

    [Fact]
    public void Option_121_without_a_default_route_means_no_gateway()
    {
        var lease = ParseFixture("ens5.lease", "ens5");

        Assert.Null(lease.Gateway);
        Assert.Equal(["198.51.100.0/24 via 100.64.1.1"], lease.ClasslessStaticRoutes.Select(r => $"{r.Destination} via {r.Gateway}"));
    }

    [Fact]
    public void Option_249_is_used_when_121_is_absent()
    {
        var lease = ParseFixture("ens6.lease", "ens6");

        Assert.Equal(IPAddress.Parse("100.64.1.1"), lease.Gateway);
        Assert.Equal(
            ["203.0.113.0/24 via 100.64.1.1", "0.0.0.0/0 via 100.64.1.1"],
            lease.ClasslessStaticRoutes.Select(r => $"{r.Destination} via {r.Gateway}"));
    }

    [Fact]
    public void Every_truncation_of_a_real_lease_is_a_diagnostic_or_a_lease_never_an_exception()
    {
        byte[] whole = File.ReadAllBytes(FixturePath("ens4.lease"));
        for (int length = 0; length < whole.Length; length++)
        {
            var (lease, diagnostic) = DhcpcdLeaseParser.Parse(whole.AsSpan(0, length), "ens4", Written, "x");
            Assert.True(lease is null != (diagnostic is null), $"length {length}");
        }
    }
}
