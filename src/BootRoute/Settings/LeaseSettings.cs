using BootRoute.Model;

namespace BootRoute.Settings;

/// <summary>
/// <c>leases:</c> where each DHCP client and metadata source keeps what it was given, and the order
/// in which they are asked: for each interface the first source that knows it wins.
/// </summary>
public sealed record LeaseSettings(
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> DhclientDirectories,
    string DhcpcdDirectory,
    string NetworkdDirectory,
    string NetworkManagerDirectory,
    string? OpenStackDirectory)
{
    /// <summary>The built-in <c>leases:</c>, as <see cref="AgentSettings.Defaults"/> has them.</summary>
    public static LeaseSettings Defaults => AgentSettings.Defaults.Leases;

    /// <summary>Where leases are looked for, for "no lease found" messages.</summary>
    public string Describe() => string.Join(", ", Sources.Select(source => source switch
    {
        LeaseSourceNames.Dhclient => $"dhclient in {string.Join(" ", DhclientDirectories)}",
        LeaseSourceNames.Dhcpcd => $"dhcpcd in {DhcpcdDirectory}",
        LeaseSourceNames.Networkd => $"systemd-networkd in {NetworkdDirectory}",
        LeaseSourceNames.NetworkManager => $"NetworkManager in {NetworkManagerDirectory}",
        LeaseSourceNames.OpenStack => OpenStackDirectory is null ? "OpenStack config drive" : $"OpenStack metadata in {OpenStackDirectory}",
        LeaseSourceNames.Kernel => "the kernel's DHCP routes",
        LeaseSourceNames.Static => "the kernel's static addresses and default routes",
        _ => source,
    }));

    public bool Equals(LeaseSettings? other) =>
        other is not null
        && Sources.SequenceEqual(other.Sources)
        && DhclientDirectories.SequenceEqual(other.DhclientDirectories)
        && DhcpcdDirectory == other.DhcpcdDirectory
        && NetworkdDirectory == other.NetworkdDirectory
        && NetworkManagerDirectory == other.NetworkManagerDirectory
        && OpenStackDirectory == other.OpenStackDirectory;

    public override int GetHashCode() => HashCode.Combine(Sources.Count, DhclientDirectories.Count, DhcpcdDirectory, NetworkdDirectory);
}
