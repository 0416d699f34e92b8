namespace BootRoute.Persistence;

/// <summary>A file as found on disk.</summary>
public sealed record ExistingFile(string Content, UnixFileMode Mode);

/// <summary>
/// The writes that turn the files as they are into the files BootRoute wants: its own files written
/// whole or deleted, its blocks inserted, replaced or stripped, everything outside them untouched.
/// Comparing whole contents makes it idempotent: a second run finds every file already right. Pure.
/// </summary>
public static class FileChanges
{
    /// <param name="wanted">What the renderers want now (empty: revert everything).</param>
    /// <param name="existing">Every path that is wanted or may hold something of BootRoute's, with its content (null: no such file).</param>
    public static (IReadOnlyList<FileChange> Changes, IReadOnlyList<string> Problems) Compute(
        IReadOnlyList<PersistedFile> wanted, IReadOnlyDictionary<string, ExistingFile?> existing)
    {
        var changes = new List<FileChange>();
        var problems = new List<string>();
        var paths = wanted.Select(file => file.Path).Concat(existing.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var current = existing.GetValueOrDefault(path);
            var pieces = wanted.Where(file => file.Path == path).ToList();
            string? after;
            UnixFileMode mode;
            switch (pieces)
            {
                case [OwnedFile owned]:
                    if (current is not null && !PersistedFile.IsOwned(current.Content))
                    {
                        problems.Add($"{path} exists and is not BootRoute's (no \"{PersistedFile.OwnedHeader}\" first line); not overwriting it");
                        continue;
                    }
                    after = owned.Content;
                    mode = owned.Mode;
                    break;
                case [FileBlock first, ..] when pieces.All(piece => piece is FileBlock):
                    // One block per keyfile group ([ipv4], [ipv6]), each at the end of its group.
                    after = MarkedBlock.Strip(current?.Content);
                    foreach (var section in pieces.Cast<FileBlock>().GroupBy(block => block.Section))
                    {
                        after = MarkedBlock.Insert(after, string.Concat(section.Select(block => block.Body)), section.Key);
                    }
                    mode = current?.Mode ?? first.Mode;
                    break;
                case []:
                    after = PersistedFile.IsOwned(current?.Content) ? null : MarkedBlock.Strip(current?.Content);
                    mode = current?.Mode ?? PersistedFile.Readable;
                    break;
                default:
                    throw new InvalidOperationException($"{path}: conflicting pieces from the renderers");
            }
            if (after != current?.Content || (after is not null && current is not null && mode != current.Mode))
            {
                changes.Add(new FileChange(path, current?.Content, after, mode));
            }
        }
        return (changes, problems);
    }
}
