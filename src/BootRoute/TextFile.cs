using System.Runtime.InteropServices;
using System.Text;
using BootRoute.Native;

namespace BootRoute;

/// <summary>
/// Reads a whole small text file (a sysctl, a lease file, iproute2's name files, metadata) as UTF-8 with
/// open(2), read(2) until the end, close(2). <see cref="File.ReadAllText(string)"/> builds a
/// FileStream, a StreamReader with its buffers and a StringBuilder per call (~12 KiB of fresh memory,
/// every page a fault) and adds fstat and two flocks to every file; at boot with dozens of NICs that is
/// hundreds of files (four sysctls per NIC), and was the largest cost of discovery (docs/benchmarks.md).
/// The files are written by others (DHCP clients, metadata, an image being baked), so a read is also
/// bounded: looked at first through an O_PATH descriptor and refused unless statx says it is a regular
/// file (a FIFO, a socket, a directory, a device node, or a link to /dev/zero that would read forever),
/// so nothing else is ever opened; then opened with O_NONBLOCK; and refused when larger than a cap
/// rather than read partly. One statx and one more open(2) are the price of that per file.
/// </summary>
internal static class TextFile
{
    /// <summary>Sysctls and most leases fit: read onto the stack, allocate only the string.</summary>
    private const int StackBytes = 1024;

    /// <summary>The default cap: a month of a dhclient lease file appended to is ~300 KB; nothing read is near 1 MiB.</summary>
    public const int MaximumBytes = 1 << 20;

    private const int ENOTDIR = 20;
    private const int EISDIR = 21;

    /// <summary>The file's content; a UTF-8 byte order mark is dropped, invalid bytes become U+FFFD.</summary>
    /// <param name="limit">The most bytes the file may hold; a bigger one throws <see cref="FileTooLargeException"/>.</param>
    /// <exception cref="FileNotFoundException">The same exceptions as <see cref="File.ReadAllText(string)"/>:
    /// also <see cref="DirectoryNotFoundException"/>, <see cref="UnauthorizedAccessException"/> (no permission, or a
    /// directory) and <see cref="IOException"/> (also for a file that is not a regular file, and
    /// <see cref="FileTooLargeException"/>).</exception>
    public static string Read(string path, int limit = MaximumBytes)
    {
        using var handle = OpenRegularFile(path, limit, out long size);
        if (size >= StackBytes)
        {
            var (buffer, length) = ReadRest(handle, [], path, limit, size);
            return Decode(buffer.AsSpan(0, length));
        }
        Span<byte> stack = stackalloc byte[StackBytes];
        stack = stack[..Math.Min(StackBytes, limit + 1)];
        int read = Fill(handle, stack, path);
        if (read < stack.Length)
        {
            return Decode(stack[..read]);
        }
        // Bigger than the stack buffer (procfs reports size 0, and a file may grow after statx).
        var (rest, total) = ReadRest(handle, stack, path, limit, size);
        return Decode(rest.AsSpan(0, total));
    }

    /// <summary>The file's bytes, with the same checks as <see cref="Read"/> (dhcpcd stores a binary DHCP message).</summary>
    public static byte[] ReadBytes(string path, int limit = MaximumBytes)
    {
        using var handle = OpenRegularFile(path, limit, out long size);
        var (buffer, length) = ReadRest(handle, [], path, limit, size);
        return buffer[..length];
    }

    /// <summary>"1 MiB", "64 KiB" or a number of bytes, for messages.</summary>
    internal static string Describe(int bytes) => bytes switch
    {
        _ when bytes >= 1 << 20 && bytes % (1 << 20) == 0 => $"{bytes >> 20} MiB",
        _ when bytes >= 1 << 10 && bytes % (1 << 10) == 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes} bytes",
    };

    /// <summary>
    /// Opens <paramref name="path"/> for reading only once it is known to be a regular file no bigger
    /// than <paramref name="limit"/>. The type is checked on an O_PATH descriptor, which follows links as
    /// a read does but opens nothing: opening a device node runs its driver (a tape rewinds, a serial line
    /// raises DTR, /dev/watchdog arms the watchdog) and opening a FIFO wakes a writer waiting for a reader,
    /// side effects a check after open(2) comes too late for. The file is then opened through
    /// /proc/self/fd/N, which reopens the very inode that was checked, so nothing swapped in at the path
    /// meanwhile is opened instead.
    /// </summary>
    private static unsafe SafeFileDescriptorHandle OpenRegularFile(string path, int limit, out long size)
    {
        using var named = OpenPath(path);
        StatxBuffer stat;
        if (Interop.Libc.Statx(named, "", StatxConstants.AT_EMPTY_PATH, StatxConstants.STATX_TYPE | StatxConstants.STATX_SIZE | StatxConstants.STATX_INO, &stat) != 0)
        {
            throw Failure(Marshal.GetLastPInvokeError(), path);
        }
        if (stat.Type != StatxConstants.S_IFREG)
        {
            string what = $"{path}: refused: {KindOf(stat.Type)}, not a regular file";
            throw stat.Type == StatxConstants.S_IFDIR ? new UnauthorizedAccessException(what) : new IOException(what);
        }
        if (stat.Size > (ulong)limit)
        {
            throw new FileTooLargeException(path, limit);
        }
        size = (long)stat.Size;
        return Reopen(named, path, stat);
    }

    private static SafeFileDescriptorHandle OpenPath(string path)
    {
        int fd = Interop.Libc.Open(path, FileFlags.O_PATH | FileFlags.O_CLOEXEC);
        return fd >= 0 ? new SafeFileDescriptorHandle(fd) : throw Failure(Marshal.GetLastPInvokeError(), path);
    }

    /// <summary>
    /// The checked file opened for reading. Without /proc (a chroot or an initramfs that did not mount
    /// it) the path is opened again and must still be the same file (device and inode), else refused:
    /// the one case where a file swapped in at that instant is opened, though never read.
    /// </summary>
    private static unsafe SafeFileDescriptorHandle Reopen(SafeFileDescriptorHandle named, string path, StatxBuffer checkedStat)
    {
        const int readFlags = FileFlags.O_RDONLY | FileFlags.O_CLOEXEC | FileFlags.O_NONBLOCK;
        int fd = Interop.Libc.Open($"/proc/self/fd/{named.DangerousGetHandle()}", readFlags);
        if (fd >= 0)
        {
            return new SafeFileDescriptorHandle(fd);
        }
        int errno = Marshal.GetLastPInvokeError();
        if (errno != Errno.ENOENT)
        {
            throw Failure(errno, path);
        }
        fd = Interop.Libc.Open(path, readFlags);
        if (fd < 0)
        {
            throw Failure(Marshal.GetLastPInvokeError(), path);
        }
        var handle = new SafeFileDescriptorHandle(fd);
        StatxBuffer stat;
        if (Interop.Libc.Statx(handle, "", StatxConstants.AT_EMPTY_PATH, StatxConstants.STATX_TYPE | StatxConstants.STATX_INO, &stat) != 0
            || stat.Inode != checkedStat.Inode || stat.DeviceMajor != checkedStat.DeviceMajor || stat.DeviceMinor != checkedStat.DeviceMinor)
        {
            handle.Dispose();
            throw new IOException($"{path}: refused: replaced by another file while being opened");
        }
        return handle;
    }

    private static string KindOf(int type) => type switch
    {
        StatxConstants.S_IFDIR => "a directory",
        StatxConstants.S_IFIFO => "a FIFO",
        StatxConstants.S_IFSOCK => "a socket",
        StatxConstants.S_IFCHR => "a character device",
        StatxConstants.S_IFBLK => "a block device",
        _ => $"file type 0x{type:x}",
    };

    /// <summary>
    /// The rest of the file into a heap buffer that starts with <paramref name="head"/>, sized from
    /// statx when it says (so a 300 KB lease is one read), grown when it does not (procfs says 0), and
    /// never past <paramref name="limit"/> + 1 bytes: the one byte over is what tells a file at the cap
    /// from a bigger one.
    /// </summary>
    private static (byte[] Buffer, int Length) ReadRest(SafeFileDescriptorHandle handle, ReadOnlySpan<byte> head, string path, int limit, long size)
    {
        byte[] buffer = new byte[Math.Min(limit + 1L, Math.Max(Math.Max(StackBytes * 8L, size + 1), head.Length))];
        head.CopyTo(buffer);
        int length = head.Length;
        while (true)
        {
            length += Fill(handle, buffer.AsSpan(length), path);
            if (length < buffer.Length)
            {
                return (buffer, length);
            }
            if (length > limit)
            {
                throw new FileTooLargeException(path, limit);
            }
            Array.Resize(ref buffer, (int)Math.Min(limit + 1L, buffer.Length * 2L));
        }
    }

    /// <summary>Reads until <paramref name="into"/> is full or the file ends; the number of bytes read.</summary>
    private static unsafe int Fill(SafeFileDescriptorHandle handle, Span<byte> into, string path)
    {
        int total = 0;
        fixed (byte* start = into)
        {
            while (total < into.Length)
            {
                nint read = Interop.Libc.Read(handle, start + total, into.Length - total);
                if (read == 0)
                {
                    break;
                }
                if (read < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }
                    throw Failure(errno, path);
                }
                total += (int)read;
            }
        }
        return total;
    }

    private static string Decode(ReadOnlySpan<byte> bytes) =>
        Encoding.UTF8.GetString(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes);

    // What File.ReadAllText throws for the same errno (a directory reads as EISDIR).
    private static Exception Failure(int errno, string path) => errno switch
    {
        Errno.ENOENT when Directory.Exists(Path.GetDirectoryName(path)) => new FileNotFoundException($"Could not find file '{path}'.", path),
        Errno.ENOENT or ENOTDIR => new DirectoryNotFoundException($"Could not find a part of the path '{path}'."),
        Errno.EACCES or Errno.EPERM or EISDIR => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
        _ => new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(errno)}", errno),
    };

    /// <summary>
    /// The file is bigger than the cap for what it should hold: it is refused, never truncated, since
    /// half a lease or half a name file would be read as a whole one. Nested here because the cap is
    /// TextFile's, and every part may use TextFile.
    /// </summary>
    public sealed class FileTooLargeException : IOException
    {
        public FileTooLargeException(string path, int limit)
            : base($"{path}: refused: larger than {Describe(limit)}, the most a file BootRoute reads may hold") =>
            Limit = limit;

        public FileTooLargeException()
        {
        }

        public FileTooLargeException(string message)
            : base(message)
        {
        }

        public FileTooLargeException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        public int Limit { get; }
    }
}
