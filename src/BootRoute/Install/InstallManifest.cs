using BootRoute.Naming;

namespace BootRoute.Install;

/// <summary>
/// Every file <c>bootroute install</c> places, and so every file <c>uninstall</c> removes and the
/// Debian package ships: the one list, as data. docs/operations.md prints it; a test holds install
/// to it.
/// </summary>
public static class InstallManifest
{
    /// <param name="layout">Where the binary, the units and the completion go.</param>
    /// <param name="bashCompletion">
    /// The completion script, rendered by the command line (which this part may not use); install
    /// passes it, uninstall needs only the paths.
    /// </param>
    public static IReadOnlyList<InstalledFile> Files(InstallLayout layout, string bashCompletion = "")
    {
        ArgumentNullException.ThrowIfNull(layout);
        string unit = $"{layout.UnitDirectory}/{Paths.Install.UnitName}";
        string leasePath = $"{layout.UnitDirectory}/{Paths.Install.LeasePathName}";
        bool manPage = layout == InstallLayout.Package;
        return
        [
            new(layout.Binary, InstalledFile.Executable, InstalledKind.Binary, ""),
            new(layout.BashCompletion, InstalledFile.Readable, InstalledKind.Owned, bashCompletion),
            new(Paths.Config.File, InstalledFile.Readable, InstalledKind.Configuration, DefaultFiles.Settings),
            new(Paths.Install.Environment, InstalledFile.Readable, InstalledKind.Configuration, DefaultFiles.EnvironmentFile(layout.Binary)),
            new(unit, InstalledFile.Readable, InstalledKind.Owned, SystemdUnit.Render(layout.Binary, manPage)),
            new($"{Paths.Install.LocalUnitDirectory}/{SystemdUnit.WantedBy}.wants/{Paths.Install.UnitName}", UnixFileMode.None, InstalledKind.Link, unit),
            // The re-apply on NetworkManager's lease writes: the path unit is enabled, the service is static (started by it).
            new(leasePath, InstalledFile.Readable, InstalledKind.Owned, LeaseUnits.RenderPath(manPage)),
            new($"{layout.UnitDirectory}/{Paths.Install.LeaseServiceName}", InstalledFile.Readable, InstalledKind.Owned, LeaseUnits.RenderService(layout.Binary, manPage)),
            new($"{Paths.Install.LocalUnitDirectory}/{SystemdUnit.WantedBy}.wants/{Paths.Install.LeasePathName}", UnixFileMode.None, InstalledKind.Link, leasePath),
            new(Paths.IpRoute2.ProtocolsFile, InstalledFile.Readable, InstalledKind.Owned, RouteNames.Protocols()),
            new(Paths.IpRoute2.TablesFile, InstalledFile.Readable, InstalledKind.Owned, RouteNames.NoTablesYet()),
            new(Paths.Install.DhclientExitHook, InstalledFile.Readable, InstalledKind.Owned, DhcpHooks.Dhclient(layout.Binary)),
            // Executable: RHEL's dhclient-script sources only the executable ones.
            new(Paths.Install.DhclientRhelHook, InstalledFile.Executable, InstalledKind.Owned, DhcpHooks.DhclientRhel(layout.Binary)),
            new(Paths.Install.DhcpcdHook, InstalledFile.Readable, InstalledKind.Owned, DhcpHooks.Dhcpcd(layout.Binary)),
            new(Paths.Install.NetworkManagerDispatcher, InstalledFile.Executable, InstalledKind.Owned, DhcpHooks.NetworkManager(layout.Binary)),
            new(Paths.Install.NetworkdDispatcher, InstalledFile.Executable, InstalledKind.Owned, DhcpHooks.Networkd(layout.Binary)),
        ];
    }
}
