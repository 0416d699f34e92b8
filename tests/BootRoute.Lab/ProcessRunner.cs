using System.Diagnostics;
using System.Text;

namespace BootRoute.Lab;

/// <summary>Exit code and captured output of one child process.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() =>
        $"$ {Command}\n(exit {ExitCode})\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs a process with a hard timeout; on timeout the process tree we started is killed.</summary>
internal static class ProcessRunner
{
    public static ProcessResult Run(string file, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null)
        {
            foreach (var (k, v) in env) psi.Environment[k] = v;
        }

        var command = file + " " + string.Join(' ', psi.ArgumentList.Select(Quote));
        using var p = new Process { StartInfo = psi };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        p.Start();
        p.StandardInput.Close();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!p.WaitForExit(timeout))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit(TimeSpan.FromSeconds(10));
            lock (stderr) stderr.AppendLine($"[lab] killed after timeout {timeout.TotalSeconds}s");
            return new ProcessResult(command, -1, Snapshot(stdout), Snapshot(stderr));
        }
        p.WaitForExit(); // flush the async readers
        return new ProcessResult(command, p.ExitCode, Snapshot(stdout), Snapshot(stderr));
    }

    private static string Snapshot(StringBuilder sb) { lock (sb) return sb.ToString(); }

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";
}
