using System.Text.Json;

namespace BootRoute.Reporting;

/// <summary>
/// <c>status.json</c> in state.directory: the report of the last apply, verify or remove, for
/// monitoring that cannot run the agent itself. Written as temp file + rename so a reader never sees
/// half a report.
/// </summary>
public static class StatusFile
{
    public static string PathIn(string directory) => Path.Combine(directory, Paths.State.StatusFileName);

    public static void Write(string directory, Report report)
    {
        Directory.CreateDirectory(directory);
        string path = PathIn(directory);
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, report, ReportJsonContext.Default.Report);
            stream.WriteByte((byte)'\n');
        }
        File.Move(temporary, path, overwrite: true);
    }
}
