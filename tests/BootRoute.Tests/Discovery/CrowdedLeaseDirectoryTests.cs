using BootRoute.Discovery;
using BootRoute.Discovery.Dhclient;
using BootRoute.Discovery.Networkd;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>
/// A lease directory planted with thousands of files (issue #13) costs a note and the unread files,
/// never every NIC's time: the files that can matter are read, the rest are counted.
/// </summary>
public sealed class CrowdedLeaseDirectoryTests : IDisposable
{
    private const int Junk = LeaseFileLimit.Maximum + 100;

    private readonly string _dir = Directory.CreateTempSubdirectory("brfiles-crowded-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static HostSnapshot Links(params (int Index, string Name)[] links) =>
        new(links.Select(l => new Link(l.Index, l.Name, null, 1500, true, false, null, null)).ToList(), [], [], []);

    [Fact]
    public void Dhclient_reads_the_newest_files_and_notes_how_many_were_left()
    {
        var old = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < Junk; i++)
        {
            string junk = Path.Combine(_dir, $"dhclient-{i:x8}-ens9.lease");
            File.WriteAllText(junk, "lease {\n  interface \"ens9\";\n  fixed-address 100.64.9.9;\n}\n");
            File.SetLastWriteTimeUtc(junk, old);
        }
        string real = Path.Combine(_dir, "dhclient.ens4.leases");
        File.WriteAllText(real, "lease {\n  interface \"ens4\";\n  fixed-address 100.64.2.4;\n}\n");
        File.SetLastWriteTimeUtc(real, old.AddDays(1));

        var result = new DhclientLeaseSource(_dir).Read(Links((2, "ens4")));

        Assert.Contains(result.Leases, l => l.Interface == "ens4" && l.Address.ToString() == "100.64.2.4");
        string note = Assert.Single(result.Diagnostics);
        Assert.Equal(
            $"dhclient: {_dir}: {Junk + 1} lease files, more than {LeaseFileLimit.Maximum}: read only {LeaseFileLimit.Maximum} of them, {Junk + 1 - LeaseFileLimit.Maximum} left unread; remove the stale ones",
            note);
    }

    [Fact]
    public void Networkd_reads_the_files_of_present_links_first_and_reports_only_the_kept_stale_ones()
    {
        for (int i = 0; i < Junk; i++)
        {
            // Names that sort before "2", for links that do not exist.
            File.WriteAllText(Path.Combine(_dir, $"1{i:d5}"), "ADDRESS=100.64.9.9\n");
        }
        File.WriteAllText(Path.Combine(_dir, "2"), "ADDRESS=100.64.1.5\n");

        var result = new NetworkdLeaseSource(_dir).Read(Links((2, "ens5")));

        var lease = Assert.Single(result.Leases);
        Assert.Equal("ens5 100.64.1.5", $"{lease.Interface} {lease.Address}");
        Assert.Equal($"networkd: {_dir}: {Junk + 1} lease files, more than {LeaseFileLimit.Maximum}: read only {LeaseFileLimit.Maximum} of them, {Junk + 1 - LeaseFileLimit.Maximum} left unread; remove the stale ones", result.Diagnostics[0]);
        // One note per stale file read, and no more: the unread ones are only counted.
        Assert.Equal(LeaseFileLimit.Maximum, result.Diagnostics.Count);
    }

    [Fact]
    public void Up_to_the_limit_nothing_is_left_and_nothing_is_noted()
    {
        var kept = LeaseFileLimit.Take(Enumerable.Range(0, 3), "dhcpcd", _dir, [], limit: 3);
        var diagnostics = new List<string>();
        var cut = LeaseFileLimit.Take(Enumerable.Range(0, 4), "dhcpcd", _dir, diagnostics, limit: 3);

        Assert.Equal([0, 1, 2], kept);
        Assert.Equal([0, 1, 2], cut);
        Assert.Single(diagnostics);
    }
}
