using BootRoute.Naming;

namespace BootRoute.Install;

/// <summary>
/// Every file <c>bootroute install</c> places, and so every file <c>uninstall</c> removes and the
/// Debian package ships: the one list, as data. docs/operations.md prints it; a test holds install
/// to it.
/// </summary>
public static class InstallManifest
{
    /// <summary>What install records (files written, directories created) so uninstall can put the root back exactly.</summary>
    public const string Record = "/var/lib/bootroute/installed";

    public static IReadOnlyList<InstalledFile> Files(InstallLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        string unit = $"{layout.UnitDirectory}/{SystemdUnit.Name}";
        return
        [
            new(layout.Binary, InstalledFile.Executable, InstalledKind.Binary, ""),
            new(Paths.ConfigFile, InstalledFile.Readable, InstalledKind.Configuration, DefaultFiles.Settings),
            new(DefaultFiles.Environment, InstalledFile.Readable, InstalledKind.Configuration, DefaultFiles.EnvironmentFile(layout.Binary)),
            new(unit, InstalledFile.Readable, InstalledKind.Owned, SystemdUnit.Render(layout.Binary)),
            new($"/etc/systemd/system/{SystemdUnit.WantedBy}.wants/{SystemdUnit.Name}", UnixFileMode.None, InstalledKind.Link, unit),
            new(RouteNameFiles.ProtocolsFile, InstalledFile.Readable, InstalledKind.Owned, RouteNames.Protocols()),
            new(RouteNameFiles.TablesFile, InstalledFile.Readable, InstalledKind.Owned, RouteNames.NoTablesYet()),
            new(DhcpHooks.DhclientExitHook, InstalledFile.Readable, InstalledKind.Owned, DhcpHooks.Dhclient(layout.Binary)),
            new(DhcpHooks.DhcpcdHook, InstalledFile.Readable, InstalledKind.Owned, DhcpHooks.Dhcpcd(layout.Binary)),
            new(DhcpHooks.NetworkManagerDispatcher, InstalledFile.Executable, InstalledKind.Owned, DhcpHooks.NetworkManager(layout.Binary)),
            new(DhcpHooks.NetworkdDispatcher, InstalledFile.Executable, InstalledKind.Owned, DhcpHooks.Networkd(layout.Binary)),
        ];
    }
}
