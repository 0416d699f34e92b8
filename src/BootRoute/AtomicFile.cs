using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using BootRoute.Native;

namespace BootRoute;

/// <summary>
/// The one way the agent writes a file as root (persistence, install, state.json, status.json, the
/// iproute2 names). A fixed temporary name that follows links let a link planted in an image overwrite
/// and chmod a file on the build host, so: the directory is opened once and everything happens
/// relative to it; the temporary file has a random name and is created with
/// O_CREAT|O_EXCL|O_NOFOLLOW (a planted link or file makes the create fail, never write through);
/// its mode is set with fchmod, never left to the umask; then write, fsync, rename over the target
/// (rename replaces a link at the target, it never writes through it), fsync the directory. On any
/// failure the temporary file is removed.
/// </summary>
internal static partial class AtomicFile
{
    private const int Attempts = 8;

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/> and exactly <paramref name="mode"/>.
    /// The directory must exist; the caller resolves it (links in it are followed as the OS does).
    /// </summary>
    /// <exception cref="IOException">The write failed (<see cref="DirectoryNotFoundException"/> when the
    /// directory is missing); nothing is left behind.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode) =>
        Write(path, content, mode, OpenDirectory);

    /// <summary>
    /// <see cref="Write(string, ReadOnlySpan{byte}, UnixFileMode)"/> for a <paramref name="path"/> under
    /// <paramref name="root"/> (persist.root, install --root) that <see cref="RootPath.Resolve"/> gave: the
    /// directory is opened by the kernel inside the root (<see cref="RootPath.OpenDirectory"/>), so a
    /// link swapped in after the walk still cannot lead the write out of it.
    /// </summary>
    public static void WriteInRoot(string root, string path, ReadOnlySpan<byte> content, UnixFileMode mode) =>
        Write(path, content, mode, directory => RootPath.OpenDirectory(root, directory));

    private static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode, Func<string, SafeFileDescriptorHandle> openDirectory)
    {
        string directory = Path.GetDirectoryName(path) ?? throw new IOException($"{path}: not a file path");
        string name = Path.GetFileName(path);
        using var directoryHandle = openDirectory(directory);
        var (temporary, file) = CreateTemporary(directoryHandle, directory, name, mode);
        try
        {
            using (file)
            {
                Check(Interop.Libc.FChmod(file, (uint)mode), path);
                WriteAll(file, content, path);
                Check(Interop.Libc.FSync(file), path);
            }
            Check(Interop.Libc.RenameAt(directoryHandle, temporary, directoryHandle, name), path);
        }
        catch
        {
            _ = Interop.Libc.UnlinkAt(directoryHandle, temporary, 0);
            throw;
        }
        // The rename is durable only once the directory is; some file systems cannot fsync a directory.
        if (Interop.Libc.FSync(directoryHandle) != 0 && Marshal.GetLastPInvokeError() != Errno.EINVAL)
        {
            throw Failure(Marshal.GetLastPInvokeError(), directory);
        }
    }

    /// <summary>
    /// A leading dot and a .tmp suffix, so no reader (run-parts, netplan's *.yaml, networkd's *.conf,
    /// NetworkManager's keyfiles) takes a half-written or left-over file for configuration; the
    /// "bootroute-" and eight random hex digits make it unguessable and recognisably ours. The digits
    /// come from a version 4 GUID, which .NET draws from the kernel's CSPRNG (getrandom): the same
    /// strength as RandomNumberGenerator without loading OpenSSL, which cost a run on the boot's
    /// critical path over 10 ms before its first change to the kernel (state.json is written first).
    /// </summary>
    public static string TemporaryName(string name)
    {
        Span<byte> random = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(random);
        return $".{name}.bootroute-{Convert.ToHexStringLower(random[..4])}.tmp";
    }

    /// <summary>Whether a file name is one of <see cref="TemporaryName"/>'s, left behind by a killed run.</summary>
    public static bool IsLeftover(string name) => LeftoverPattern().IsMatch(name);

    /// <summary>
    /// Whether a file name is a temporary file earlier versions left for <paramref name="name"/>:
    /// persistence's <c>.NAME.PID.tmp</c>, install's <c>NAME.bootroute-new</c>.
    /// </summary>
    public static bool IsOldLeftover(string file, string name) =>
        file == name + ".bootroute-new"
        || (file.Length > name.Length + 6 && file.StartsWith("." + name + ".", StringComparison.Ordinal) && file.EndsWith(".tmp", StringComparison.Ordinal)
            && file[(name.Length + 2)..^4].All(char.IsAsciiDigit));

    /// <summary>
    /// Removes the temporary files a killed run left in <paramref name="directory"/>: names
    /// <see cref="IsLeftover"/> accepts, and earlier versions' names for <paramref name="names"/>
    /// (<see cref="IsOldLeftover"/>); only regular files, never through a link. The names removed.
    /// </summary>
    /// <param name="onlyOfNames">Only temporary files of <paramref name="names"/>: for a directory where
    /// another writer (a run not holding the lock, or another tool of BootRoute's) may have its own
    /// temporary file in flight.</param>
    public static IReadOnlyList<string> RemoveLeftovers(string directory, IReadOnlyCollection<string> names, bool onlyOfNames = false)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        var removed = new List<string>();
        foreach (string file in Directory.EnumerateFiles(directory)
            .Where(file => Path.GetFileName(file) is var own
                && ((IsLeftover(own) && (!onlyOfNames || names.Any(name => own.StartsWith($".{name}.bootroute-", StringComparison.Ordinal))))
                    || names.Any(name => IsOldLeftover(own, name)))))
        {
            if (FileStatus.Of(file, out _) is { IsLink: false, IsDirectory: false })
            {
                File.Delete(file);
                removed.Add(Path.GetFileName(file));
            }
        }
        removed.Sort(StringComparer.Ordinal);
        return removed;
    }

    [GeneratedRegex(@"^\..+\.bootroute-[0-9a-f]{8}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex LeftoverPattern();

    private static SafeFileDescriptorHandle OpenDirectory(string directory)
    {
        int fd = Interop.Libc.Open(directory, FileFlags.O_RDONLY | FileFlags.O_DIRECTORY | FileFlags.O_CLOEXEC);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw errno is Errno.ENOENT or Errno.ENOTDIR
                ? new DirectoryNotFoundException($"Could not find a part of the path '{directory}'.")
                : Failure(errno, directory);
        }
        return new SafeFileDescriptorHandle(fd);
    }

    // EEXIST means the random name is taken (by chance, or by something planted): draw another.
    private static (string Name, SafeFileDescriptorHandle File) CreateTemporary(
        SafeFileDescriptorHandle directory, string directoryPath, string name, UnixFileMode mode)
    {
        const int flags = FileFlags.O_WRONLY | FileFlags.O_CREAT | FileFlags.O_EXCL | FileFlags.O_CLOEXEC;
        int errno = Errno.EEXIST;
        for (int attempt = 0; attempt < Attempts && errno == Errno.EEXIST; attempt++)
        {
            string temporary = TemporaryName(name);
            int fd = Interop.Libc.OpenAt(directory, temporary, flags | FileFlags.O_NOFOLLOW, (uint)mode);
            if (fd >= 0)
            {
                return (temporary, new SafeFileDescriptorHandle(fd));
            }
            errno = Marshal.GetLastPInvokeError();
        }
        throw Failure(errno, Path.Join(directoryPath, name));
    }

    private static unsafe void WriteAll(SafeFileDescriptorHandle file, ReadOnlySpan<byte> content, string path)
    {
        fixed (byte* start = content)
        {
            int written = 0;
            while (written < content.Length)
            {
                nint count = Interop.Libc.Write(file, start + written, content.Length - written);
                if (count < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }
                    throw Failure(errno, path);
                }
                written += (int)count;
            }
        }
    }

    private static void Check(int result, string path)
    {
        if (result != 0)
        {
            throw Failure(Marshal.GetLastPInvokeError(), path);
        }
    }

    /// <summary>What .NET's own file calls throw for the same errno, so callers catch the same types.</summary>
    internal static Exception Failure(int errno, string path) => errno switch
    {
        Errno.EACCES or Errno.EPERM => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
        _ => new IOException($"{path}: {Errno.Describe(errno)}", errno),
    };
}
