namespace BootRoute.Persistence.Rendering;

/// <summary>What a renderer wants written, and what it could not express (for the report).</summary>
public sealed record Rendering(IReadOnlyList<PersistedFile> Files, IReadOnlyList<string> Notes)
{
    public static Rendering Empty { get; } = new([], []);
}
