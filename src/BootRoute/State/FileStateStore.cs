using System.Text.Json;
using BootRoute.Model;

namespace BootRoute.State;

/// <summary>
/// state.json in state.directory, written as temp file + fsync + rename so a crash (kill -9, power
/// loss) leaves either the previous state or the new one.
/// </summary>
public sealed class FileStateStore(string directory) : IStateStore
{
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
        Directory.CreateDirectory(directory);
        string temporary = FilePath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, StateDocument.From(state), StateJsonContext.Default.StateDocument);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, FilePath, overwrite: true);
    }

    public void Delete() => File.Delete(FilePath);
}
