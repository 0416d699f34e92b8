namespace BootRoute.Persistence.Detection;

/// <summary>
/// RHEL's /etc/sysconfig/network-scripts/ifcfg-* files: the one for a NIC names it in
/// <c>DEVICE=</c> (or, without DEVICE, by <c>HWADDR=</c>), whatever the file's own suffix.
/// </summary>
internal static class IfcfgFiles
{
    public static IReadOnlyList<string> Find(IRootFileSystem files, string name, string? mac)
    {
        var found = new List<string>();
        foreach (var file in files.FileNames(Paths.Stacks.NetworkScripts).Where(IsIfcfgName))
        {
            string path = $"{Paths.Stacks.NetworkScripts}/{file}";
            var values = ShellVariables.Parse(files.ReadText(path) ?? "");
            bool matches = values.TryGetValue("DEVICE", out var device)
                ? device == name
                : values.TryGetValue("HWADDR", out var hwaddr) && string.Equals(hwaddr, mac, StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                found.Add(path);
            }
        }
        return found;
    }

    public static bool OptsOutOfNetworkManager(IRootFileSystem files, string path) =>
        ShellVariables.Parse(files.ReadText(path) ?? "").TryGetValue("NM_CONTROLLED", out var controlled)
        && controlled.ToUpperInvariant() is "NO" or "N" or "FALSE" or "0";

    // initscripts skips backup and packaging leftovers; so does BootRoute.
    private static bool IsIfcfgName(string file) =>
        file.StartsWith("ifcfg-", StringComparison.Ordinal) && file != "ifcfg-lo"
        && !file.EndsWith('~') && !file.Contains(".rpm", StringComparison.Ordinal) && !file.EndsWith(".bak", StringComparison.Ordinal)
        && !file.EndsWith(".orig", StringComparison.Ordinal);
}
