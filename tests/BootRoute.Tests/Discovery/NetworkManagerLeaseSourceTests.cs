using BootRoute.Discovery.NetworkManager;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

public sealed class NetworkManagerLeaseSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brl2-nm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Copy(string fixture, string ifindex)
    {
        string path = Path.Combine(_dir, ifindex);
        File.Copy(NetworkManagerDeviceParserTests.FixturePath(fixture), path);
        return path;
    }

    private static HostSnapshot Links(params (int Index, string Name)[] links) =>
        new(links.Select(l => new Link(l.Index, l.Name, null, 1500, true, false, null, null)).ToList(), [], [], []);

    [Fact]
    public void Ifindex_file_names_map_to_link_names_and_devices_without_dhcp4_are_quiet()
    {
        string two = Copy("device-plain", "2");
        Copy("device-classless", "3");
        Copy("device-unmanaged", "4");
        Copy("device-unmanaged", "9"); // a gone link without a lease: nothing to say
        File.WriteAllText(Path.Combine(_dir, "2.ABC123"), "GLib's temporary file");

        var result = new NetworkManagerLeaseSource(_dir).Read(Links((2, "ens5"), (3, "ens4"), (4, "docker0")));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["ens4 100.64.2.40", "ens5 100.64.1.57"], result.Leases.Select(l => $"{l.Interface} {l.Address}"));
        Assert.Equal($"networkmanager:{two}", result.Leases[1].Source);
    }

    [Fact]
    public void Unknown_ifindex_with_a_lease_is_a_diagnostic()
    {
        string path = Copy("device-plain", "7");

        var result = new NetworkManagerLeaseSource(_dir).Read(Links((2, "ens5")));

        Assert.Empty(result.Leases);
        Assert.Equal($"networkmanager:{path}: no link has ifindex 7; lease skipped", Assert.Single(result.Diagnostics));
    }

    [Fact]
    public void Missing_directory_is_normal()
    {
        var result = new NetworkManagerLeaseSource(Path.Combine(_dir, "nope")).Read(Links());

        Assert.Empty(result.Leases);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Bad_files_are_diagnostics_and_the_rest_is_still_read()
    {
        Copy("device-plain", "2");
        File.WriteAllText(Path.Combine(_dir, "3"), "[dhcp4]\n");
        File.WriteAllBytes(Path.Combine(_dir, "4"), [0x5b, 0xff, 0xfe, 0x00, 0x01]);
        File.WriteAllText(Path.Combine(_dir, "5"), File.ReadAllText(NetworkManagerDeviceParserTests.FixturePath("device-classless"))[..300]);
        using (var huge = File.Create(Path.Combine(_dir, "6")))
        {
            huge.SetLength(10L * 1024 * 1024);
        }
        File.CreateSymbolicLink(Path.Combine(_dir, "8"), Path.Combine(_dir, "gone"));

        var result = new NetworkManagerLeaseSource(_dir).Read(Links((2, "ens2"), (3, "ens3"), (4, "ens4"), (5, "ens5"), (6, "ens6"), (8, "ens8")));

        Assert.Equal("ens2", Assert.Single(result.Leases).Interface);
        Assert.Equal(5, result.Diagnostics.Count);
        Assert.Equal($"networkmanager:{Path.Combine(_dir, "3")}: lease for ens3 skipped: [dhcp4] has no ip_address", result.Diagnostics[0]);
        Assert.StartsWith($"networkmanager:{Path.Combine(_dir, "4")}: lease for ens4 skipped: ", result.Diagnostics[1], StringComparison.Ordinal);
        Assert.StartsWith($"networkmanager:{Path.Combine(_dir, "5")}: lease for ens5 skipped: ", result.Diagnostics[2], StringComparison.Ordinal);
        Assert.Equal($"networkmanager:{Path.Combine(_dir, "6")}: lease for ens6 skipped: over 65536 bytes: too big for a device state file", result.Diagnostics[3]);
        Assert.StartsWith($"networkmanager:{Path.Combine(_dir, "8")}: cannot read: ", result.Diagnostics[4], StringComparison.Ordinal);
    }
}
