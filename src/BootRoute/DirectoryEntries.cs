namespace BootRoute;

/// <summary>
/// Lists a directory someone else fills (an image's /etc, a DHCP client's lease directory) with a bound:
/// every name listed is usually a file read, parsed and reported on, so a directory planted with
/// 100,000 entries must cost a clear error, not minutes and a report of 100,000 lines. What to do past
/// the bound is each caller's choice: a configuration or network-file directory is refused whole (half
/// a configuration read as a whole one would be wrong), a lease directory keeps its newest files.
/// </summary>
internal static class DirectoryEntries
{
    /// <summary>Far more than any real /etc directory holds (a few dozen profiles, units or drop-ins).</summary>
    public const int MaximumEntries = 4096;

    /// <summary>The full paths of the files in <paramref name="directory"/> whose names match, in ordinal order.</summary>
    /// <exception cref="TooManyEntriesException">More than <paramref name="limit"/> names match.</exception>
    public static List<string> Files(string directory, Func<string, bool> match, int limit = MaximumEntries, string pattern = "*") =>
        Bounded(Directory.EnumerateFiles(directory, pattern), directory, match, limit);

    /// <summary>The full paths of the subdirectories of <paramref name="directory"/>, in ordinal order.</summary>
    /// <exception cref="TooManyEntriesException">More than <paramref name="limit"/> of them.</exception>
    public static List<string> Directories(string directory, int limit = MaximumEntries) =>
        Bounded(Directory.EnumerateDirectories(directory), directory, _ => true, limit);

    private static List<string> Bounded(IEnumerable<string> entries, string directory, Func<string, bool> match, int limit)
    {
        var found = new List<string>();
        foreach (string entry in entries)
        {
            if (!match(Path.GetFileName(entry)))
            {
                continue;
            }
            if (found.Count == limit)
            {
                throw new TooManyEntriesException(directory, limit);
            }
            found.Add(entry);
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>A directory holds more entries than BootRoute lists; nested here because the bound is DirectoryEntries'.</summary>
    public sealed class TooManyEntriesException : IOException
    {
        public TooManyEntriesException(string directory, int limit)
            : base($"{directory}: refused: more than {limit} entries, the most a directory BootRoute reads may hold") =>
            Limit = limit;

        public TooManyEntriesException()
        {
        }

        public TooManyEntriesException(string message)
            : base(message)
        {
        }

        public TooManyEntriesException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        public int Limit { get; }
    }
}
