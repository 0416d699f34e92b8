namespace BootRoute.Discovery;

/// <summary>
/// The most lease files one source reads from one directory. A host has a few dozen NICs and a DHCP
/// client keeps a file or two per interface; a directory holding thousands is junk or an attack, and
/// reading all of them (each up to its cap) would delay every NIC's routing. The files kept are the
/// ones that can matter (a caller's preference: a current link's, the newest), with a note naming the
/// directory and how many were left unread; the other sources and directories are not affected.
/// </summary>
internal static class LeaseFileLimit
{
    public const int Maximum = 512;

    /// <summary>
    /// The first <paramref name="limit"/> of <paramref name="preferred"/> (already in order of preference),
    /// with a diagnostic when some are left out.
    /// </summary>
    public static List<T> Take<T>(IEnumerable<T> preferred, string source, string directory, List<string> diagnostics, int limit = Maximum)
    {
        var all = preferred.ToList();
        if (all.Count <= limit)
        {
            return all;
        }
        diagnostics.Add($"{source}: {directory}: {all.Count} lease files, more than {limit}: read only {limit} of them, {all.Count - limit} left unread; remove the stale ones");
        return all.GetRange(0, limit);
    }
}
