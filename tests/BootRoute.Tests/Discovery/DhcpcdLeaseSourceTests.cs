using System.Net.NetworkInformation;
using BootRoute.Discovery.Dhcpcd;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

public sealed class DhcpcdLeaseSourceTests : IDisposable
{
    private static readonly DateTime T = new(2026, 11, 23, 9, 32, 0, DateTimeKind.Utc);
    private readonly string _dir = Directory.CreateTempSubdirectory("brl2-dhcpcd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Copy(string fixture, string name, DateTime modifiedUtc)
    {
        string path = Path.Combine(_dir, name);
        File.Copy(DhcpcdLeaseFixtureTests.FixturePath(fixture), path);
        File.SetLastWriteTimeUtc(path, modifiedUtc);
        return path;
    }

    private static HostSnapshot Links(params string[] names) =>
        new(names.Select((n, i) => new Link(i + 2, n, PhysicalAddress.None, 1500, true, false, null, null)).ToList(), [], [], []);

    [Fact]
    public void Reads_leases_and_expiry_is_mtime_plus_lease_time()
    {
        string eth0 = Copy("eth0.lease", "eth0.lease", T);
        Copy("ens4.lease", "ens4.lease", T);
        Copy("ens4.lease", "ens4.lease6", T); // DHCPv6: not ours
        File.WriteAllText(Path.Combine(_dir, "duid"), "00:01");

        var result = new DhcpcdLeaseSource(_dir).Read(Links("eth0", "ens4"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["ens4", "eth0"], result.Leases.Select(l => l.Interface));
        Assert.Equal(new DateTimeOffset(T).AddHours(1), result.Leases[1].Expiry);
        Assert.Equal($"dhcpcd:{eth0}", result.Leases[1].Source);
    }

    [Fact]
    public void Wireless_ssid_files_are_skipped_but_dashed_interface_names_are_not()
    {
        Copy("eth0.lease", "wlan0-Cafe-Net.lease", T);
        Copy("eth0.lease", "br-lan.lease", T);

        var result = new DhcpcdLeaseSource(_dir).Read(Links("wlan0", "br-lan"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("br-lan", Assert.Single(result.Leases).Interface);
    }

    [Fact]
    public void Old_dhcpcd_names_are_read_and_the_newer_file_wins()
    {
        Copy("eth0.lease", "dhcpcd-ens4.lease", T.AddMinutes(5));
        Copy("ens4.lease", "ens4.lease", T);

        var lease = Assert.Single(new DhcpcdLeaseSource(_dir).Read(Links("ens4")).Leases);

        Assert.EndsWith("dhcpcd-ens4.lease", lease.Source, StringComparison.Ordinal);
        Assert.Equal(System.Net.IPAddress.Parse("100.64.1.1"), lease.Gateway);
    }

    [Fact]
    public void Missing_directory_is_normal()
    {
        var result = new DhcpcdLeaseSource(Path.Combine(_dir, "nope")).Read(Links());

        Assert.Empty(result.Leases);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Bad_files_are_diagnostics_and_the_rest_is_still_read()
    {
        Copy("eth0.lease", "eth0.lease", T);
        File.WriteAllBytes(Path.Combine(_dir, "ens3.lease"), []);
        File.WriteAllBytes(Path.Combine(_dir, "ens5.lease"), File.ReadAllBytes(DhcpcdLeaseFixtureTests.FixturePath("ens5.lease"))[..250]);
        using (var huge = File.Create(Path.Combine(_dir, "ens6.lease")))
        {
            huge.SetLength(10L * 1024 * 1024); // sparse: costs no disk
        }
        // A dangling symlink is listed but cannot be opened; unlike chmod 000 this also fails for root.
        string broken = Path.Combine(_dir, "ens7.lease");
        File.CreateSymbolicLink(broken, Path.Combine(_dir, "gone"));

        var result = new DhcpcdLeaseSource(_dir).Read(Links());

        Assert.Equal("eth0", Assert.Single(result.Leases).Interface);
        var diagnostics = result.Diagnostics.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, diagnostics.Count);
        Assert.Equal($"dhcpcd:{Path.Combine(_dir, "ens3.lease")}: lease for ens3 skipped: 0 bytes is shorter than a DHCP message's 240-byte header (truncated?)", diagnostics[0]);
        Assert.StartsWith($"dhcpcd:{Path.Combine(_dir, "ens5.lease")}: lease for ens5 skipped: option ", diagnostics[1], StringComparison.Ordinal);
        Assert.Equal($"dhcpcd:{Path.Combine(_dir, "ens6.lease")}: lease for ens6 skipped: over 65536 bytes: too big for a lease file", diagnostics[2]);
        Assert.StartsWith($"dhcpcd:{broken}: cannot read: ", diagnostics[3], StringComparison.Ordinal);
    }
}
