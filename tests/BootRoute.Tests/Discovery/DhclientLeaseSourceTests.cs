using BootRoute.Discovery.Dhclient;
using Xunit;

namespace BootRoute.Tests.Discovery;

public sealed class DhclientLeaseSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brset-leases-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string name, string iface, string address, DateTime modifiedUtc)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, $"lease {{\n  interface \"{iface}\";\n  fixed-address {address};\n}}\n");
        File.SetLastWriteTimeUtc(path, modifiedUtc);
    }

    [Fact]
    public void Reads_every_naming_scheme_and_newest_file_wins()
    {
        var t = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Write("dhclient.ens3.leases", "ens3", "100.64.1.3", t);
        Write("dhclient-0f3c-ens4.lease", "ens4", "100.64.2.4", t.AddMinutes(5));
        Write("dhclient-ens4.leases", "ens4", "100.64.2.9", t); // older profile's file
        Write("dhclient.leases", "ens5", "100.64.3.5", t);
        Write("dhclient6.ens3.leases", "ens3", "100.64.9.9", t.AddHours(1)); // not an IPv4 lease file
        Write("notes.txt", "ens6", "100.64.9.9", t);

        var result = new DhclientLeaseSource(_dir).Read(Empty);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            ["ens3 100.64.1.3", "ens4 100.64.2.4", "ens5 100.64.3.5"],
            result.Leases.Select(l => $"{l.Interface} {l.Address}"));
        Assert.Equal($"dhclient:{Path.Combine(_dir, "dhclient-0f3c-ens4.lease")}", result.Leases[1].Source);
    }

    [Fact]
    public void Newer_file_wins_even_over_a_later_name()
    {
        var t = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Write("dhclient-a-ens4.lease", "ens4", "100.64.2.1", t.AddMinutes(1));
        Write("dhclient-b-ens4.lease", "ens4", "100.64.2.2", t);

        var lease = Assert.Single(new DhclientLeaseSource(_dir).Read(Empty).Leases);

        Assert.Equal("100.64.2.1", lease.Address.ToString());
    }

    [Fact]
    public void Bad_blocks_become_diagnostics_and_a_missing_directory_is_normal()
    {
        File.WriteAllText(Path.Combine(_dir, "dhclient.ens3.leases"), "lease {\n interface \"ens3\";\n}\n");

        var result = new DhclientLeaseSource(_dir).Read(Empty);
        var missing = new DhclientLeaseSource(Path.Combine(_dir, "nope")).Read(Empty);

        Assert.Empty(result.Leases);
        Assert.Equal($"{Path.Combine(_dir, "dhclient.ens3.leases")}:1: lease for ens3 skipped: lease has no fixed-address", Assert.Single(result.Diagnostics));
        Assert.Empty(missing.Diagnostics);
        Assert.Empty(missing.Leases);
    }

    [Fact]
    public void Unreadable_file_is_a_diagnostic_and_the_rest_is_still_read()
    {
        // A dangling symlink is listed but cannot be opened; unlike chmod 000 this also fails for root.
        string broken = Path.Combine(_dir, "dhclient.ens9.leases");
        File.CreateSymbolicLink(broken, Path.Combine(_dir, "gone"));
        Write("dhclient.ens3.leases", "ens3", "100.64.1.3", DateTime.UtcNow);

        var result = new DhclientLeaseSource(_dir).Read(Empty);

        Assert.Equal("ens3", Assert.Single(result.Leases).Interface);
        Assert.StartsWith($"dhclient:{broken}: cannot read: ", Assert.Single(result.Diagnostics), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_directory_is_read()
    {
        string rhel = Path.Combine(_dir, "rhel");
        Directory.CreateDirectory(rhel);
        Write("dhclient.ens3.leases", "ens3", "100.64.1.3", DateTime.UtcNow);
        File.Copy(Path.Combine(_dir, "dhclient.ens3.leases"), Path.Combine(rhel, "dhclient-1f2e-ens4.lease"));
        File.WriteAllText(Path.Combine(rhel, "dhclient-1f2e-ens4.lease"),
            File.ReadAllText(Path.Combine(rhel, "dhclient-1f2e-ens4.lease")).Replace("ens3", "ens4", StringComparison.Ordinal));

        var result = new DhclientLeaseSource(_dir, Path.Combine(_dir, "absent"), rhel).Read(Empty);

        Assert.Equal(["ens3", "ens4"], result.Leases.Select(lease => lease.Interface));
    }

    private static readonly BootRoute.Model.HostSnapshot Empty = new([], [], [], []);
}
