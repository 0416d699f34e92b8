using System.Diagnostics;

namespace BootRoute.Persistence;

/// <summary>
/// <c>nmcli connection load FILE…</c> (which also forgets a profile whose file is gone), run only when
/// NetworkManager is running on this very host: never for an image tree under another root. The only
/// process BootRoute starts; bounded by <see cref="Timeout"/>.
/// </summary>
public sealed class NmcliReload : INetworkManagerReload
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public string? Load(IReadOnlyList<string> profiles)
    {
        string? nmcli = Paths.Stacks.NmcliBinaries.FirstOrDefault(File.Exists);
        if (profiles.Count == 0 || nmcli is null || !Directory.Exists(Paths.Stacks.NetworkManagerRunDirectory))
        {
            return null;
        }
        var start = new ProcessStartInfo(nmcli) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["connection", "load", .. profiles])
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return $"nmcli connection load did not finish within {Timeout.TotalSeconds:0}s";
            }
            return process.ExitCode == 0 ? null : $"nmcli connection load exited {process.ExitCode}: {error.Result.Trim()}";
        }
        catch (Exception failure) when (failure is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"cannot run {nmcli}: {failure.Message}";
        }
    }
}
