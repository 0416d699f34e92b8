using System.Diagnostics;
using System.Security.Cryptography;

namespace BootRoute.Tests.Netlink;

/// <summary>
/// A fresh network namespace (brnl-&lt;random hex&gt;) for kernel tests, deleted on Dispose. Everything
/// the tests change lives in it; the machine's own namespace is never written. Root is required and
/// its absence is a failure, not a skip: these tests are the only proof the client works on a kernel.
/// </summary>
public sealed class LabNamespace : IDisposable
{
    public LabNamespace()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "Kernel netlink tests must run as root (they create a network namespace with `ip netns add`). "
                + "Run `sudo dotnet test`; these tests fail rather than skip so a missing root is never mistaken for a pass.");
        }
        Name = "brnl-" + RandomNumberGenerator.GetHexString(8, lowercase: true);
        Run("ip", "netns", "add", Name);
        try
        {
            Ip("link", "set", "lo", "up");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Name { get; }

    public string Path => $"/var/run/netns/{Name}";

    /// <summary>Runs <c>ip -n NAME …</c> and returns its standard output; throws on a non-zero exit.</summary>
    public string Ip(params string[] arguments) => Run("ip", ["-n", Name, .. arguments]);

    public void Dispose()
    {
        try
        {
            Run("ip", "netns", "delete", Name);
        }
        catch (InvalidOperationException)
        {
            // Already gone (a test deleted it, or creation failed half way): nothing left to clean.
        }
    }

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{program} {string.Join(' ', arguments)}` exited {process.ExitCode}: {error.Result.Trim()}");
        }
        return output;
    }
}
