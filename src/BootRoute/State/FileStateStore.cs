using System.Text.Json;
using BootRoute.Model;

namespace BootRoute.State;

/// <summary>
/// state.json in state.directory, written by <see cref="AtomicFile"/> (temp file, fsync, rename) so a crash (kill -9, power
/// loss) leaves either the previous state or the new one.
/// </summary>
public sealed class FileStateStore(string directory) : IStateStore
{
    /// <summary>rw-------: only root reads what the last run changed.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string FilePath { get; } = Path.Combine(directory, Paths.State.StateFileName);

    /// <summary>
    /// The documented way out of a state file that cannot be used (docs/troubleshooting.md). Both
    /// stages carry on without it, so it is advice for the operator, not a condition of the next run.
    /// </summary>
    public const string WayOut = "move it away to start afresh (remove then puts back only what the kernel shows as BootRoute's)";

    /// <summary>state.json is a few hundred bytes per NIC; more than this is not one BootRoute wrote.</summary>
    public const int MaxBytes = 1024 * 1024;

    public AppliedState Load()
    {
        if (!File.Exists(FilePath))
        {
            return AppliedState.Empty;
        }
        StateDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(ReadCapped(), StateJsonContext.Default.StateDocument);
        }
        catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new StateException($"{FilePath}: cannot read the state file: {OneLine(error.Message)}; {WayOut}", error);
        }
        if (document is not null && document.Version != StateDocument.CurrentVersion)
        {
            throw new StateException($"{FilePath}: unsupported state version {document.Version}; {WayOut}");
        }
        if (StateDocumentCheck.FirstProblem(document) is { } problem)
        {
            throw new StateException($"{FilePath}: corrupt state file: {problem}; {WayOut}");
        }
        return document!.ToState();
    }

    /// <summary>The file's bytes, refusing rather than reading past <see cref="MaxBytes"/> (a link to /dev/zero).</summary>
    private byte[] ReadCapped()
    {
        using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        byte[] buffer = new byte[MaxBytes + 1];
        int length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (length > MaxBytes)
        {
            throw new IOException($"larger than {MaxBytes / 1024 / 1024} MiB");
        }
        return buffer[..length];
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    public void Save(AppliedState state)
    {
        StateDirectory.Prepare(directory);
        RemoveLeftovers();
        AtomicFile.Write(FilePath, JsonSerializer.SerializeToUtf8Bytes(StateDocument.From(state), StateJsonContext.Default.StateDocument), Mode);
    }

    public void Delete() => File.Delete(FilePath);

    /// <summary>
    /// A run killed while saving leaves its temporary state file; the next save (apply and remove save
    /// under the run lock) takes it away. Only the state file's own: status.json is also written by runs
    /// that do not hold the lock, so one of its temporary files may be in flight. Best effort: a file
    /// that cannot be removed costs nothing but the space.
    /// </summary>
    private void RemoveLeftovers()
    {
        try
        {
            AtomicFile.RemoveLeftovers(directory, [Paths.State.StateFileName], onlyOfNames: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not worth failing the apply over; the next save tries again.
        }
    }
}
