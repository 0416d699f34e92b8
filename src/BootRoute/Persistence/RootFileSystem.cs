using System.Text;

namespace BootRoute.Persistence;

/// <summary>
/// <see cref="IRootFileSystem"/> on the real file system. Symbolic links inside the tree are followed
/// the way the system that owns the tree would follow them: an absolute target starts again at
/// <see cref="Root"/>, so baking an image never writes through a link into the build host's /etc.
/// </summary>
public sealed class RootFileSystem : IRootFileSystem
{
    private const int MaxLinks = 40; // the kernel's MAXSYMLINKS

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public RootFileSystem(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string? ReadText(string path)
    {
        string full = Resolve(path);
        return File.Exists(full) ? File.ReadAllText(full, Utf8) : null;
    }

    public bool FileExists(string path) => File.Exists(Resolve(path));

    public bool DirectoryExists(string path) => Directory.Exists(Resolve(path));

    public IReadOnlyList<string> FileNames(string directory)
    {
        string full = Resolve(directory);
        return Directory.Exists(full)
            ? Directory.EnumerateFiles(full).Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    public IReadOnlyList<string> DirectoryNames(string directory)
    {
        string full = Resolve(directory);
        return Directory.Exists(full)
            ? Directory.EnumerateDirectories(full).Select(sub => Path.GetFileName(sub)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    public UnixFileMode? ModeOf(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }
        string full = Resolve(path);
        return File.Exists(full) ? File.GetUnixFileMode(full) : null;
    }

    public void WriteAtomically(string path, string content, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }
        string full = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Exactly this mode whatever the umask: netplan warns about, and NetworkManager refuses,
        // keyfiles others can read.
        AtomicFile.Write(full, Utf8.GetBytes(content), mode);
    }

    public void Delete(string path) => File.Delete(Resolve(path, followLast: false));

    public void DeleteDirectoryIfEmpty(string path)
    {
        string full = Resolve(path);
        if (Directory.Exists(full) && !Directory.EnumerateFileSystemEntries(full).Any())
        {
            Directory.Delete(full);
        }
    }

    public string Describe(string path) => Root == "/" ? path : Path.Join(Root, path);

    /// <summary>The real path of <paramref name="path"/> under the root, resolving links component by component.</summary>
    private string Resolve(string path, bool followLast = true)
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
            string candidate = Join(resolved.Append(part));
            string? target = (pending.Count > 0 || followLast) ? new FileInfo(candidate).LinkTarget : null;
            if (target is null)
            {
                resolved.Add(part);
                continue;
            }
            if (++links > MaxLinks)
            {
                throw new IOException($"{Describe(path)}: too many levels of symbolic links");
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
        return Join(resolved);
    }

    private string Join(IEnumerable<string> parts) => Path.Join([Root, .. parts]);
}
