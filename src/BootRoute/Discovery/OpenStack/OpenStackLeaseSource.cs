using BootRoute.Model;

namespace BootRoute.Discovery.OpenStack;

/// <summary>
/// Leases from OpenStack's <c>network_data.json</c> (<see cref="Paths.Leases.OpenStackNetworkData"/>): read
/// from <c>leases.openstack_dir</c> when it is set (a copy of the metadata, or a config drive someone
/// else mounted), else from the config drive, which is mounted only for the read. Only static
/// subnets give leases (see <see cref="NetworkDataParser"/>). No config drive is normal (not every
/// instance is on OpenStack, and metadata may come over HTTP instead) and says nothing; a configured
/// directory without the file is a diagnostic, since the user pointed at it.
/// </summary>
internal sealed class OpenStackLeaseSource : ILeaseSource
{
    private readonly string? _directory;
    private readonly IConfigDrive _configDrive;

    /// <param name="directory">A directory holding <c>openstack/latest/network_data.json</c>, or null for the config drive.</param>
    public OpenStackLeaseSource(string? directory)
        : this(directory, new LinuxConfigDrive())
    {
    }

    internal OpenStackLeaseSource(string? directory, IConfigDrive configDrive)
    {
        _directory = directory;
        _configDrive = configDrive;
    }

    public string Name => LeaseSourceNames.OpenStack;

    public LeaseReadResult Read(HostSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var diagnostics = new List<string>();
        var (content, path) = _directory is null ? ReadConfigDrive(diagnostics) : ReadDirectory(_directory, diagnostics);
        if (content is null)
        {
            return new LeaseReadResult([], diagnostics);
        }
        try
        {
            var parsed = NetworkDataParser.Parse(content, path, snapshot.Links);
            diagnostics.AddRange(parsed.Diagnostics);
            return new LeaseReadResult(parsed.Leases, diagnostics);
        }
        catch (Exception e) when (LeaseFileFailure.IsContained(e))
        {
            diagnostics.Add(LeaseFileFailure.Describe(Name, path, e));
            return new LeaseReadResult([], diagnostics);
        }
    }

    private static (string? Content, string Path) ReadDirectory(string directory, List<string> diagnostics)
    {
        string file = Path.Combine(directory, Paths.Leases.OpenStackNetworkData);
        try
        {
            return (TextFile.Read(file), file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(e is FileNotFoundException or DirectoryNotFoundException
                ? $"openstack:{file}: not found"
                : $"openstack:{file}: cannot read: {e.Message}");
            return (null, file);
        }
    }

    /// <summary>The path in leases and messages names the drive, since the mount point is gone by then.</summary>
    private (string? Content, string Path) ReadConfigDrive(List<string> diagnostics)
    {
        string path = $"{_configDrive.Device}:{Paths.Leases.OpenStackNetworkData}";
        return _configDrive.IsPresent() ? (_configDrive.ReadFile(Paths.Leases.OpenStackNetworkData, diagnostics), path) : (null, path);
    }
}
