using System.Runtime.InteropServices;
using System.Text;
using BootRoute.Native;

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

    /// <summary>
    /// Opens <paramref name="directory"/>, a path under <paramref name="root"/> that <see cref="Resolve"/>
    /// gave, for writing in it. <see cref="Resolve"/> walks with lstat and the caller then opens by path:
    /// a component swapped for a link in between (an image's owner racing the build) would be followed
    /// out of the root. So the kernel resolves the path again, inside the root, as it opens it: openat2
    /// with RESOLVE_IN_ROOT (absolute links and ".." stay inside, as in <see cref="Resolve"/>) and
    /// RESOLVE_NO_MAGICLINKS. A kernel without openat2 (before 5.6, ENOSYS) or a seccomp filter that
    /// refuses it (EPERM) gets the plain open by path, the walk's guarantee without the race's.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory (or a part of it) is missing.</exception>
    internal static SafeFileDescriptorHandle OpenDirectory(string root, string directory, bool kernelResolves = true)
    {
        int flags = FileFlags.O_RDONLY | FileFlags.O_DIRECTORY | FileFlags.O_CLOEXEC;
        if (kernelResolves && InRoot(root, directory, flags) is { } handle)
        {
            return handle;
        }
        int fd = Interop.Libc.Open(directory, flags);
        return fd >= 0 ? new SafeFileDescriptorHandle(fd) : throw DirectoryFailure(Marshal.GetLastPInvokeError(), directory);
    }

    /// <summary>The directory opened by openat2 inside the root; null when the kernel cannot.</summary>
    private static unsafe SafeFileDescriptorHandle? InRoot(string root, string directory, int flags)
    {
        string relative = Path.GetRelativePath(root, directory);
        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new ArgumentException($"{directory} is not under {root}", nameof(directory));
        }
        int rootFd = Interop.Libc.Open(root, flags);
        if (rootFd < 0)
        {
            throw DirectoryFailure(Marshal.GetLastPInvokeError(), root);
        }
        using var rootHandle = new SafeFileDescriptorHandle(rootFd);
        var how = new OpenHow { Flags = (ulong)flags, Resolve = OpenHow.RESOLVE_IN_ROOT | OpenHow.RESOLVE_NO_MAGICLINKS };
        byte[] path = Encoding.UTF8.GetBytes(relative + "\0");
        for (int attempt = 0; ; attempt++)
        {
            long fd;
            fixed (byte* start = path)
            {
                fd = Interop.Libc.Syscall(Interop.Libc.SYS_openat2, rootHandle.DangerousGetHandle(), start, &how, (nuint)sizeof(OpenHow));
            }
            if (fd >= 0)
            {
                return new SafeFileDescriptorHandle((int)fd);
            }
            int errno = Marshal.GetLastPInvokeError();
            switch (errno)
            {
                case Errno.ENOSYS or Errno.EPERM:
                    return null;
                // A rename elsewhere during ".." resolution: the kernel asks to try again.
                case Errno.EAGAIN or Errno.EINTR when attempt < 8:
                    continue;
                default:
                    throw DirectoryFailure(errno, directory);
            }
        }
    }

    private static Exception DirectoryFailure(int errno, string directory) => errno is Errno.ENOENT or Errno.ENOTDIR
        ? new DirectoryNotFoundException($"Could not find a part of the path '{directory}'.")
        : AtomicFile.Failure(errno, directory);

    private static string Join(string root, IEnumerable<string> parts) => Path.Join([root, .. parts]);
}
