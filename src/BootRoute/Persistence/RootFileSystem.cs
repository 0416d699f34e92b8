using System.Text;

namespace BootRoute.Persistence;

/// <summary>
/// <see cref="IRootFileSystem"/> on the real file system. Symbolic links inside the tree are followed
/// the way the system that owns the tree would follow them (<see cref="RootPath"/>): an absolute
/// target starts again at <see cref="Root"/>, so baking an image never writes through a link into the
/// build host's /etc; files are written by <see cref="AtomicFile"/>.
/// </summary>
public sealed class RootFileSystem : IRootFileSystem
{
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
        // Capped, non-blocking, regular files only: the image's files are as outside as a lease.
        return File.Exists(full) ? TextFile.Read(full) : null;
    }

    public bool FileExists(string path) => File.Exists(Resolve(path));

    public bool DirectoryExists(string path) => Directory.Exists(Resolve(path));

    public IReadOnlyList<string> FileNames(string directory)
    {
        string full = Resolve(directory);
        return Directory.Exists(full)
            ? DirectoryEntries.Files(full, _ => true).ConvertAll(file => Path.GetFileName(file))
            : [];
    }

    public IReadOnlyList<string> DirectoryNames(string directory)
    {
        string full = Resolve(directory);
        return Directory.Exists(full)
            ? DirectoryEntries.Directories(full).ConvertAll(sub => Path.GetFileName(sub))
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
        AtomicFile.WriteInRoot(Root, full, Utf8.GetBytes(content), mode);
    }

    public void Delete(string path) => File.Delete(Resolve(path, followLast: false));

    public int RemoveLeftovers(string directory, IReadOnlyCollection<string> names) =>
        AtomicFile.RemoveLeftovers(Resolve(directory), names).Count;

    public void DeleteDirectoryIfEmpty(string path)
    {
        string full = Resolve(path);
        if (Directory.Exists(full) && !Directory.EnumerateFileSystemEntries(full).Any())
        {
            Directory.Delete(full);
        }
    }

    public string Describe(string path) => Root == "/" ? path : Path.Join(Root, path);

    /// <summary>The real path of <paramref name="path"/> under the root (<see cref="RootPath"/>).</summary>
    private string Resolve(string path, bool followLast = true) => RootPath.Resolve(Root, path, followLast);
}
