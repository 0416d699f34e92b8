using System.Runtime.InteropServices;
using System.Text;
using BootRoute.Native;

namespace BootRoute;

/// <summary>
/// Reads a whole small text file (a sysctl, a lease file, iproute2's name files) as UTF-8 with
/// open(2), read(2) until the end, close(2). <see cref="File.ReadAllText(string)"/> builds a
/// FileStream, a StreamReader with its buffers and a StringBuilder per call (~12 KiB of fresh memory,
/// every page a fault) and adds fstat and two flocks to every file; at boot with dozens of NICs that is
/// hundreds of files (four sysctls per NIC), and was the largest cost of discovery (docs/benchmarks.md).
/// </summary>
internal static class TextFile
{
    /// <summary>Sysctls and most leases fit: read onto the stack, allocate only the string.</summary>
    private const int StackBytes = 1024;

    private const int ENOTDIR = 20;
    private const int EISDIR = 21;

    /// <summary>The file's content; a UTF-8 byte order mark is dropped, invalid bytes become U+FFFD.</summary>
    /// <exception cref="FileNotFoundException">The same exceptions as <see cref="File.ReadAllText(string)"/>:
    /// also <see cref="DirectoryNotFoundException"/>, <see cref="UnauthorizedAccessException"/> (no permission, or a
    /// directory) and <see cref="IOException"/>.</exception>
    public static string Read(string path)
    {
        int fd = Interop.Libc.Open(path, FileFlags.O_RDONLY | FileFlags.O_CLOEXEC);
        if (fd < 0)
        {
            throw Failure(Marshal.GetLastPInvokeError(), path);
        }
        using var handle = new SafeFileDescriptorHandle(fd);
        Span<byte> stack = stackalloc byte[StackBytes];
        int length = Fill(handle, stack, path);
        if (length < stack.Length)
        {
            return Decode(stack[..length]);
        }

        // Bigger than the stack buffer; procfs reports size 0, so grow rather than trust a length.
        byte[] buffer = new byte[StackBytes * 8];
        stack.CopyTo(buffer);
        while (true)
        {
            length += Fill(handle, buffer.AsSpan(length), path);
            if (length < buffer.Length)
            {
                return Decode(buffer.AsSpan(0, length));
            }
            Array.Resize(ref buffer, buffer.Length * 2);
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
}
