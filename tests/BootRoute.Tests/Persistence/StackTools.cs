using System.Diagnostics;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>One finished run of a stack's tool.</summary>
internal sealed record ToolRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// The network stacks' own tools, unpacked (not installed: their packages would start network daemons)
/// by tests/tools.sh into BOOTROUTE_TOOLS_DIR, default &lt;repo&gt;/.tools. A missing tool fails the test
/// with the command that provides it: these checks are the proof that the stacks accept BootRoute's
/// files, so they never skip.
/// </summary>
internal static class StackTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string Root
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable("BOOTROUTE_TOOLS_DIR");
            string directory = !string.IsNullOrEmpty(configured) ? configured : Path.Combine(RepositoryRoot(), ".tools");
            return Path.Combine(directory, "root");
        }
    }

    public static string NetplanGenerate => Tool("usr/libexec/netplan/generate");

    public static string Ifquery => Tool("sbin/ifquery");

    public static string Ifup => Tool("sbin/ifup");

    public static string Nmcli => Tool("usr/bin/nmcli");

    /// <summary>`ifup -n` of one NIC from an interfaces file: the commands it would run, hooks left out, in a state directory of its own.</summary>
    public static ToolRun IfupDryRun(string interfaces, string nic)
    {
        string state = Directory.CreateTempSubdirectory("bootroute-ifstate-").FullName;
        try
        {
            return Run(Ifup, ["-n", "-v", "--no-scripts", "--state-dir", state, "-i", interfaces, nic]);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    public static ToolRun Run(string program, IEnumerable<string> arguments, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["LD_LIBRARY_PATH"] = Path.Combine(Root, "usr/lib/x86_64-linux-gnu");
        start.Environment["LC_ALL"] = "C";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin ?? "");
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within {Timeout.TotalSeconds}s");
        }
        return new ToolRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Tool(string relative)
    {
        string path = Path.Combine(Root, relative);
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} is missing. Run tests/tools.sh (tests/test.sh does) to unpack netplan.io, ifupdown and "
                + "network-manager there without installing them, or point BOOTROUTE_TOOLS_DIR at such a directory.");
        }
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BootRoute.sln")))
            {
                return directory.FullName;
            }
        }
        Assert.Fail($"no BootRoute.sln above {AppContext.BaseDirectory}; set BOOTROUTE_TOOLS_DIR");
        return "";
    }
}
