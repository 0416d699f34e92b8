using System.Text;

namespace BootRoute.Discovery;

/// <summary>Reads a small text file without letting a huge or endless one cost memory.</summary>
internal static class LeaseFileText
{
    /// <summary>The file as UTF-8, or null when it is over <paramref name="limit"/> bytes (only limit + 1 are read).</summary>
    public static string? Read(string path, int limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        byte[] buffer = new byte[limit + 1];
        int total = 0, read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }
        if (total > limit)
        {
            return null;
        }
        // Invalid UTF-8 becomes U+FFFD: the parser then reports the value it cannot read.
        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}
