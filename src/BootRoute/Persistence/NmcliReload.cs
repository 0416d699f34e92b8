using System.Diagnostics;

namespace BootRoute.Persistence;

/// <summary>
/// <c>nmcli connection load FILE…</c> (which also forgets a profile whose file is gone) and <c>nmcli
/// device reapply DEVICE</c>, run only when NetworkManager is running on this very host: never for an
/// image tree under another root. The only processes BootRoute starts; each bounded by <see cref="Timeout"/>.
/// </summary>
public sealed class NmcliReload : INetworkManagerReload
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public string? Load(IReadOnlyList<string> profiles) => profiles.Count == 0 ? null : Run(["connection", "load", .. profiles]);

    public string? Reapply(string device) => Run(["device", "reapply", device]);

    private static string? Run(string[] arguments)
    {
        string? nmcli = Paths.Stacks.NmcliBinaries.FirstOrDefault(File.Exists);
        if (nmcli is null || !Directory.Exists(Paths.Stacks.NetworkManagerRunDirectory))
        {
            return null;
        }
        var start = new ProcessStartInfo(nmcli) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        string what = $"nmcli {arguments[0]} {arguments[1]}";
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return $"{what} did not finish within {Timeout.TotalSeconds:0}s";
            }
            return process.ExitCode == 0 ? null : $"{what} exited {process.ExitCode}: {error.Result.Trim()}";
        }
        catch (Exception failure) when (failure is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"cannot run {nmcli}: {failure.Message}";
        }
    }
}
