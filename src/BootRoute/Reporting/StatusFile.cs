using System.Text.Json;

namespace BootRoute.Reporting;

/// <summary>
/// <c>status.json</c> in state.directory: the report of the last apply, verify or remove, for
/// monitoring that cannot run the agent itself. Written as temp file + rename so a reader never sees
/// half a report (<see cref="AtomicFile"/>).
/// </summary>
public static class StatusFile
{
    /// <summary>rw-r--r--: monitoring that may read state.directory may read the report.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static string PathIn(string directory) => Path.Combine(directory, Paths.State.StatusFileName);

    public static void Write(string directory, Report report)
    {
        // rwx------ as state.directory is created elsewhere; the umask must not decide.
        if (!OperatingSystem.IsWindows() && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(report, ReportJsonContext.Output.Report);
        AtomicFile.Write(PathIn(directory), [.. json, (byte)'\n'], Mode);
    }
}
