namespace BootRoute.Persistence;

/// <summary>
/// One file as it is (<see cref="Before"/>) and as BootRoute wants it (<see cref="After"/>); null
/// means no file. A change whose two sides are equal is never made, which is what makes persisting
/// idempotent: a second run finds nothing to write.
/// </summary>
public sealed record FileChange(string Path, string? Before, string? After, UnixFileMode Mode)
{
    public string Action => (Before, After) switch
    {
        (null, _) => "create",
        (_, null) => "delete",
        _ => "modify",
    };

    /// <summary>The change as a unified diff (<c>diff -u</c>), naming the file <paramref name="shown"/> (default: as the system sees it).</summary>
    public string Diff(string? shown = null) => UnifiedDiff.Format(shown ?? Path, Before, After);
}
