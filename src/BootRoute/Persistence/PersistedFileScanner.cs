using BootRoute.Persistence.Detection;

namespace BootRoute.Persistence;

/// <summary>
/// Every path where an earlier run may have left something of BootRoute's, whatever backend it used
/// then: its own files and the image's files it puts blocks into. Found from the files themselves
/// (state.json lives on /run and is gone after a reboot), so remove and a change of backend can always
/// clean up. Only paths that exist are returned.
/// </summary>
public static class PersistedFileScanner
{
    public static IReadOnlyList<string> Candidates(IRootFileSystem files)
    {
        var paths = new List<string> { Paths.Stacks.NetplanFile, Paths.Stacks.DhclientEnterHook, Paths.Stacks.DhcpcdConf };
        paths.AddRange(IfupdownInterfaces.StanzaFileNames);
        paths.AddRange(files.DirectoryNames(Paths.Stacks.NetworkdDropInDirectory)
            .Where(name => name.EndsWith(".network.d", StringComparison.Ordinal))
            .Select(name => $"{Paths.Stacks.NetworkdDropInDirectory}/{name}/{Paths.Stacks.NetworkdDropInName}"));
        paths.AddRange(files.FileNames(Paths.Stacks.NetworkManagerConnections)
            .Where(name => name.EndsWith(".nmconnection", StringComparison.Ordinal))
            .Select(name => $"{Paths.Stacks.NetworkManagerConnections}/{name}"));
        paths.AddRange(files.FileNames(Paths.Stacks.NetworkScripts)
            .Where(name => name.StartsWith("ifcfg-", StringComparison.Ordinal) || name.StartsWith("route-", StringComparison.Ordinal)
                || name.StartsWith("rule-", StringComparison.Ordinal) || name.StartsWith("route6-", StringComparison.Ordinal)
                || name.StartsWith("rule6-", StringComparison.Ordinal))
            .Select(name => $"{Paths.Stacks.NetworkScripts}/{name}"));
        return paths.Where(files.FileExists).ToList();
    }
}
