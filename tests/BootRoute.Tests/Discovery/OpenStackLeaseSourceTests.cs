using BootRoute.Discovery.OpenStack;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

public sealed class OpenStackLeaseSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brset-openstack-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly HostSnapshot Snapshot = new(NetworkDataParserTests.Nics, [], [], []);

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "openstack", name));

    /// <summary>Stands in for the config drive: never mounts, records what it was asked.</summary>
    private sealed class FakeConfigDrive(bool present, string? content, string? failure = null) : IConfigDrive
    {
        public List<string> Requests { get; } = [];

        public string Device => "/dev/disk/by-label/config-2";

        public bool IsPresent() => present;

        public string? ReadFile(string relativePath, List<string> diagnostics)
        {
            Requests.Add(relativePath);
            if (failure is not null)
            {
                diagnostics.Add(failure);
            }
            return content;
        }
    }

    [Fact]
    public void Reads_network_data_from_a_directory()
    {
        string file = Path.Combine(_dir, "openstack", "latest", "network_data.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, Fixture("static-two-nics.json"));
        var drive = new FakeConfigDrive(present: true, content: null);

        var result = new OpenStackLeaseSource(_dir, drive).Read(Snapshot);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["ens3", "ens4"], result.Leases.Select(l => l.Interface));
        Assert.Equal($"openstack:{file}", result.Leases[0].Source);
        Assert.Empty(drive.Requests); // a configured directory never touches the drive
    }

    [Fact]
    public void A_configured_directory_without_the_file_is_a_diagnostic()
    {
        var result = new OpenStackLeaseSource(_dir).Read(Snapshot);

        Assert.Empty(result.Leases);
        Assert.Equal($"openstack:{Path.Combine(_dir, "openstack/latest/network_data.json")}: not found", Assert.Single(result.Diagnostics));
    }

    [Fact]
    public void Reads_the_config_drive_when_no_directory_is_set()
    {
        var drive = new FakeConfigDrive(present: true, content: Fixture("static-dual-stack-host-route.json"));

        var result = new OpenStackLeaseSource(null, drive).Read(Snapshot);

        Assert.Equal(["openstack/latest/network_data.json"], drive.Requests);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.Leases.Count);
        Assert.Equal("openstack:/dev/disk/by-label/config-2:openstack/latest/network_data.json", result.Leases[0].Source);
    }

    [Fact]
    public void No_config_drive_is_normal_and_silent()
    {
        var drive = new FakeConfigDrive(present: false, content: null);

        var result = new OpenStackLeaseSource(null, drive).Read(Snapshot);

        Assert.Empty(result.Leases);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(drive.Requests);
    }

    [Fact]
    public void Config_drive_failures_and_bad_content_are_diagnostics()
    {
        var failing = new FakeConfigDrive(present: true, content: null, failure: "openstack: cannot mount /dev/disk/by-label/config-2 read-only (iso9660: No such device)");
        var garbage = new FakeConfigDrive(present: true, content: "not json");

        var failed = new OpenStackLeaseSource(null, failing).Read(Snapshot);
        var bad = new OpenStackLeaseSource(null, garbage).Read(Snapshot);

        Assert.Empty(failed.Leases);
        Assert.Equal("openstack: cannot mount /dev/disk/by-label/config-2 read-only (iso9660: No such device)", Assert.Single(failed.Diagnostics));
        Assert.Empty(bad.Leases);
        Assert.StartsWith("/dev/disk/by-label/config-2:openstack/latest/network_data.json: invalid JSON:", Assert.Single(bad.Diagnostics), StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_drive_looks_for_the_config_2_label()
    {
        Assert.Equal("/dev/disk/by-label/config-2", new LinuxConfigDrive().Device);
        Assert.Equal("openstack", new OpenStackLeaseSource(_dir).Name);
    }
}
