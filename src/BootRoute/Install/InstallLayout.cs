namespace BootRoute.Install;

/// <summary>
/// Where an installation puts the parts whose place depends on who installs: <c>bootroute install</c>
/// is a local install (<c>/usr/local/sbin</c>, the unit among the administrator's in
/// <c>/etc/systemd/system</c>), the Debian package is the distribution's (<c>/usr/sbin</c>, the unit
/// in <c>/usr/lib/systemd/system</c>). Everything else has one fixed place, the one the DHCP
/// clients and iproute2 read.
/// </summary>
public sealed record InstallLayout(string Prefix)
{
    public static InstallLayout Local { get; } = new(Paths.Install.LocalPrefix);

    public static InstallLayout Package { get; } = new(Paths.Install.PackagePrefix);

    /// <summary>The agent itself: a root-only tool, so sbin.</summary>
    public string Binary => $"{Prefix}/{Paths.Install.BinaryUnderPrefix}";

    /// <summary>The bash completion script, where bash-completion finds it for this prefix.</summary>
    public string BashCompletion => $"{Prefix}/{Paths.Install.BashCompletionUnderPrefix}";

    /// <summary>systemd reads vendor units from /usr/lib and local ones from /etc; /usr/local has no unit directory.</summary>
    public string UnitDirectory => Prefix == Paths.Install.PackagePrefix ? Paths.Install.PackageUnitDirectory : Paths.Install.LocalUnitDirectory;

    /// <summary>Only /usr and /usr/local are layouts the unit and the hooks are written for.</summary>
    public static InstallLayout? ForPrefix(string prefix) => prefix.TrimEnd('/') switch
    {
        Paths.Install.LocalPrefix => Local,
        Paths.Install.PackagePrefix => Package,
        _ => null,
    };
}
