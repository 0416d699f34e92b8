namespace BootRoute.Install;

/// <summary>How install and uninstall treat one entry of the file list.</summary>
public enum InstalledKind
{
    /// <summary>The agent binary: always replaced, always removed.</summary>
    Binary,

    /// <summary>Code or generated text BootRoute owns (unit, hooks, iproute2 names): always replaced, always removed.</summary>
    Owned,

    /// <summary>
    /// A file the administrator edits (settings, /etc/default/bootroute): written only when absent,
    /// removed by uninstall only when it still holds what install wrote.
    /// </summary>
    Configuration,

    /// <summary>A symbolic link (the unit's enablement); <see cref="InstalledFile.Content"/> is its target.</summary>
    Link,
}

/// <summary>
/// One file the installation places, by its absolute path inside the target root, with its mode and
/// content (for <see cref="InstalledKind.Binary"/> the content is empty: the running binary is copied).
/// </summary>
public sealed record InstalledFile(string Path, UnixFileMode Mode, InstalledKind Kind, string Content)
{
    public const UnixFileMode Executable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public const UnixFileMode Readable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The mode as `stat -c %a` prints it, e.g. "755".</summary>
    public string OctalMode => Convert.ToString((int)Mode, 8);
}
