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

    /// <summary>
    /// <see cref="Read"/> for the one-file-per-ifindex sources: the content, or null with the diagnostic
    /// that names the file (<c>source:path</c>) and why it was skipped (unreadable, or over the limit).
    /// </summary>
    /// <param name="owner">The link the lease would be for, as the too-big diagnostic names it.</param>
    /// <param name="kind">What the file should be, e.g. "a lease file".</param>
    public static string? ReadOrSay(string path, int limit, string source, string owner, string kind, List<string> diagnostics)
    {
        string? content;
        try
        {
            content = Read(path, limit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add($"{source}:{path}: cannot read: {e.Message}");
            return null;
        }
        if (content is null)
        {
            diagnostics.Add($"{source}:{path}: lease for {owner} skipped: over {limit} bytes: too big for {kind}");
        }
        return content;
    }
}
