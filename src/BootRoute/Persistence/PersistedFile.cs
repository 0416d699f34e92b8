namespace BootRoute.Persistence;

/// <summary>What BootRoute wants in one file of the image's network stack.</summary>
public abstract record PersistedFile(string Path, UnixFileMode Mode)
{
    /// <summary>The first line of every file that is BootRoute's alone; remove deletes only files that start with it.</summary>
    public const string OwnedHeader = "# Written by bootroute apply; removed by bootroute remove. Do not edit.";

    public const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>netplan warns about, and NetworkManager ignores, files others can read.</summary>
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static bool IsOwned(string? content) => content is not null && content.StartsWith(OwnedHeader, StringComparison.Ordinal);
}

/// <summary>A file that is BootRoute's alone: written whole, deleted by remove. <see cref="Content"/> starts with <see cref="PersistedFile.OwnedHeader"/>.</summary>
public sealed record OwnedFile(string Path, string Content, UnixFileMode Mode) : PersistedFile(Path, Mode);

/// <summary>
/// A <see cref="MarkedBlock"/> in a file that belongs to the image, at its end or at the end of
/// keyfile group <see cref="Section"/>. <see cref="PersistedFile.Mode"/> is used only when the file
/// does not exist yet; an existing file keeps its own.
/// </summary>
public sealed record FileBlock(string Path, string Body, UnixFileMode Mode, string? Section = null) : PersistedFile(Path, Mode);
