namespace BootRoute.Discovery;

/// <summary>Reads a small text file without letting a huge or endless one cost memory.</summary>
internal static class LeaseFileText
{
    /// <summary>
    /// The file as UTF-8 (invalid bytes become U+FFFD: the parser then reports the value it cannot read),
    /// or null when it is over <paramref name="limit"/> bytes, which the caller reports in its own words.
    /// Everything else <see cref="TextFile"/> refuses (a FIFO, a device) is an <see cref="IOException"/>.
    /// </summary>
    public static string? Read(string path, int limit)
    {
        try
        {
            return TextFile.Read(path, limit);
        }
        catch (TextFile.FileTooLargeException)
        {
            return null;
        }
    }
}
