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

    public AppliedState Load()
    {
        if (!File.Exists(FilePath))
        {
            return AppliedState.Empty;
        }
        try
        {
            var document = JsonSerializer.Deserialize(File.ReadAllBytes(FilePath), StateJsonContext.Default.StateDocument);
            if (document is null || document.Version != StateDocument.CurrentVersion)
            {
                throw new StateException($"{FilePath}: unsupported state version {document?.Version}");
            }
            return document.ToState();
        }
        catch (Exception error) when (error is JsonException or IOException or UnauthorizedAccessException or FormatException)
        {
            throw new StateException($"{FilePath}: cannot read the state file: {error.Message}", error);
        }
    }

    public void Save(AppliedState state)
    {
        StateDirectory.Prepare(directory);
        AtomicFile.Write(FilePath, JsonSerializer.SerializeToUtf8Bytes(StateDocument.From(state), StateJsonContext.Default.StateDocument), Mode);
    }

    public void Delete() => File.Delete(FilePath);
}
