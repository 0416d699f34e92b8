namespace BootRoute;

/// <summary>
/// A path as the system living under a root directory sees it (<c>/etc/netplan/x.yaml</c> in an image
/// tree), turned into the real path under that root. Links are followed the way that system would
/// follow them, component by component: an absolute target starts again at the root, <c>..</c> stops at
/// the root as in a chroot, so no link in an image (<c>etc/netplan -> /etc</c>, or one straight to the
/// build host's files) ever leads a write or a delete out of the tree. persist.root and
/// <c>install --root</c> both resolve through here.
/// </summary>
internal static class RootPath
{
    private const int MaxLinks = 40; // the kernel's MAXSYMLINKS

    /// <param name="root">The full path of the root directory.</param>
    /// <param name="path">An absolute path inside the root.</param>
    /// <param name="followLast">Whether a link at the last component is followed too (not to delete or replace the link itself).</param>
    /// <exception cref="IOException">More than 40 links on the way.</exception>
    public static string Resolve(string root, string path, bool followLast = true)
    {
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"not an absolute path: {path}", nameof(path));
        }
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var resolved = new List<string>();
        int links = 0;
        while (pending.Count > 0)
        {
            string part = pending.Pop();
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                // Never above the root, as in a chroot.
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }
                continue;
            }
            // lstat: LinkTarget is null for anything that is not a link, or does not exist yet.
            string? target = (pending.Count > 0 || followLast) ? new FileInfo(Join(root, resolved.Append(part))).LinkTarget : null;
            if (target is null)
            {
                resolved.Add(part);
                continue;
            }
            if (++links > MaxLinks)
            {
                throw new IOException($"{(root == "/" ? path : Path.Join(root, path))}: too many levels of symbolic links");
            }
            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }
            foreach (string step in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(step);
            }
        }
        return Join(root, resolved);
    }

    private static string Join(string root, IEnumerable<string> parts) => Path.Join([root, .. parts]);
}
