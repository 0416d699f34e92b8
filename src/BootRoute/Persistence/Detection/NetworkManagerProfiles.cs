namespace BootRoute.Persistence.Detection;

/// <summary>A NetworkManager profile on disk that applies to one NIC.</summary>
internal sealed record NetworkManagerProfile(string Path, ProfileFormat Format, int AutoconnectPriority);

/// <summary>
/// NetworkManager's profiles for a NIC: keyfiles in /etc/NetworkManager/system-connections (bound by
/// <c>interface-name=</c>, or by <c>mac-address=</c> when they name no interface) and, with the
/// ifcfg-rh plugin, ifcfg files that do not say <c>NM_CONTROLLED=no</c>. BootRoute's own keyfiles
/// are left out.
/// </summary>
internal static class NetworkManagerProfiles
{
    public static bool IsInstalled(IRootFileSystem files) => Paths.Stacks.NetworkManagerBinaries.Any(files.FileExists);

    public static bool IsEnabled(IRootFileSystem files) => SystemdUnits.IsEnabled(files, "NetworkManager.service");

    /// <summary>The profile NetworkManager would pick for the NIC: highest autoconnect-priority, then name order.</summary>
    public static NetworkManagerProfile? Find(IRootFileSystem files, string name, string? mac, bool includeIfcfg)
    {
        var found = new List<NetworkManagerProfile>();
        foreach (var file in files.FileNames(Paths.Stacks.NetworkManagerConnections)
                     .Where(file => file.EndsWith(".nmconnection", StringComparison.Ordinal)
                         && !file.StartsWith(Paths.Stacks.NetworkManagerOwnedPrefix, StringComparison.Ordinal)))
        {
            string path = $"{Paths.Stacks.NetworkManagerConnections}/{file}";
            var profile = IniFile.Parse(files.ReadText(path) ?? "");
            string? boundName = profile.Last("connection", "interface-name");
            string? boundMac = profile.Last("ethernet", "mac-address") ?? profile.Last("802-3-ethernet", "mac-address");
            bool matches = boundName is { Length: > 0 }
                ? boundName == name
                : boundMac is not null && string.Equals(boundMac, mac, StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                int priority = int.TryParse(profile.Last("connection", "autoconnect-priority"), System.Globalization.CultureInfo.InvariantCulture, out int p) ? p : 0;
                found.Add(new NetworkManagerProfile(path, ProfileFormat.Keyfile, priority));
            }
        }
        if (includeIfcfg)
        {
            foreach (var ifcfg in IfcfgFiles.Find(files, name, mac).Where(file => !IfcfgFiles.OptsOutOfNetworkManager(files, file)))
            {
                found.Add(new NetworkManagerProfile(ifcfg, ProfileFormat.Ifcfg, 0));
            }
        }
        return found.OrderByDescending(profile => profile.AutoconnectPriority).FirstOrDefault();
    }
}
