using BootRoute.Discovery.Networkd;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

public sealed class NetworkdLeaseSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brl2-networkd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Copy(string fixture, string ifindex)
    {
        string path = Path.Combine(_dir, ifindex);
        File.Copy(NetworkdLeaseParserTests.FixturePath(fixture), path);
        return path;
    }

    private static HostSnapshot Links(params (int Index, string Name)[] links) =>
        new(links.Select(l => new Link(l.Index, l.Name, null, 1500, true, false, null, null)).ToList(), [], [], []);

    [Fact]
    public void Ifindex_file_names_map_to_link_names()
    {
        string two = Copy("kv-plain.lease", "2");
        Copy("json-classless.lease", "3");
        File.WriteAllText(Path.Combine(_dir, ".#2Xa1b2c3"), "half-written temporary file");

        var result = new NetworkdLeaseSource(_dir).Read(Links((1, "lo"), (2, "ens5"), (3, "ens4")));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["ens4 100.64.3.77", "ens5 100.64.1.57"], result.Leases.Select(l => $"{l.Interface} {l.Address}"));
        Assert.Equal($"networkd:{two}", result.Leases[1].Source);
    }

    [Fact]
    public void Unknown_ifindex_is_a_diagnostic()
    {
        string path = Copy("kv-plain.lease", "7");

        var result = new NetworkdLeaseSource(_dir).Read(Links((2, "ens5")));

        Assert.Empty(result.Leases);
        Assert.Equal($"networkd:{path}: no link has ifindex 7; lease skipped", Assert.Single(result.Diagnostics));
    }

    [Fact]
    public void Missing_directory_is_normal()
    {
        var result = new NetworkdLeaseSource(Path.Combine(_dir, "nope")).Read(Links());

        Assert.Empty(result.Leases);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Bad_files_are_diagnostics_and_the_rest_is_still_read()
    {
        Copy("kv-plain.lease", "2");
        File.WriteAllText(Path.Combine(_dir, "3"), "");
        File.WriteAllBytes(Path.Combine(_dir, "4"), [0x7b, 0xff, 0xfe, 0x00, 0x01]);
        File.WriteAllText(Path.Combine(_dir, "5"), File.ReadAllText(NetworkdLeaseParserTests.FixturePath("json-classless.lease"))[..200]);
        using (var huge = File.Create(Path.Combine(_dir, "6")))
        {
            huge.SetLength(10L * 1024 * 1024);
        }
        File.CreateSymbolicLink(Path.Combine(_dir, "8"), Path.Combine(_dir, "gone"));

        var result = new NetworkdLeaseSource(_dir).Read(Links((2, "ens2"), (3, "ens3"), (4, "ens4"), (5, "ens5"), (6, "ens6"), (8, "ens8")));

        Assert.Equal("ens2", Assert.Single(result.Leases).Interface);
        Assert.Equal(5, result.Diagnostics.Count);
        Assert.Equal($"networkd:{Path.Combine(_dir, "3")}: lease for ens3 skipped: no address", result.Diagnostics[0]);
        Assert.StartsWith($"networkd:{Path.Combine(_dir, "4")}: lease for ens4 skipped: ", result.Diagnostics[1], StringComparison.Ordinal);
        Assert.StartsWith($"networkd:{Path.Combine(_dir, "5")}: lease for ens5 skipped: not valid JSON", result.Diagnostics[2], StringComparison.Ordinal);
        Assert.Equal($"networkd:{Path.Combine(_dir, "6")}: lease for ens6 skipped: over 65536 bytes: too big for a lease file", result.Diagnostics[3]);
        Assert.StartsWith($"networkd:{Path.Combine(_dir, "8")}: cannot read: ", result.Diagnostics[4], StringComparison.Ordinal);
    }
}
