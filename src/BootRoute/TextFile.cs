using System.Text;
using Microsoft.Win32.SafeHandles;

namespace BootRoute;

/// <summary>
/// Reads a whole small text file (a sysctl, a lease file, iproute2's name files) as UTF-8: one open,
/// a read or two, one close. <see cref="File.ReadAllText(string)"/> builds a FileStream, a
/// StreamReader with its buffers and a StringBuilder per call, about 12 KiB of fresh memory each; at
/// boot with dozens of NICs that is hundreds of calls, and was the largest cost of discovery
/// (docs/benchmarks.md).
/// </summary>
internal static class TextFile
{
    /// <summary>Sysctls and most leases fit: read onto the stack, allocate only the string.</summary>
    private const int StackBytes = 1024;

    /// <summary>The file's content; a UTF-8 byte order mark is dropped, invalid bytes become U+FFFD.</summary>
    /// <exception cref="FileNotFoundException">As <see cref="File.ReadAllText(string)"/> throws them, as are
    /// <see cref="DirectoryNotFoundException"/>, <see cref="UnauthorizedAccessException"/> and <see cref="IOException"/>.</exception>
    public static string Read(string path)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Span<byte> stack = stackalloc byte[StackBytes];
        int length = Fill(handle, stack, 0);
        if (length < stack.Length)
        {
            return Decode(stack[..length]);
        }

        // Bigger than the stack buffer (procfs reports size 0, so grow rather than trust the length).
        byte[] buffer = new byte[Math.Max(StackBytes * 4, RandomAccess.GetLength(handle) + 1)];
        stack.CopyTo(buffer);
        while (true)
        {
            length = Fill(handle, buffer.AsSpan(length), length) + length;
            if (length < buffer.Length)
            {
                return Decode(buffer.AsSpan(0, length));
            }
            Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    /// <summary>Reads until <paramref name="into"/> is full or the file ends; the number of bytes read.</summary>
    private static int Fill(SafeFileHandle handle, Span<byte> into, long offset)
    {
        int total = 0;
        while (total < into.Length)
        {
            int read = RandomAccess.Read(handle, into[total..], offset + total);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }

    private static string Decode(ReadOnlySpan<byte> bytes) =>
        Encoding.UTF8.GetString(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes);
}
