using Xunit;

namespace BootRoute.Lab;

/// <summary>Where the repository, lab.sh and the published agent binary are.</summary>
internal static class RepoPaths
{
    public const string BinaryVariable = "BOOTROUTE_BIN";

    /// <summary>The folder holding BootRoute.sln, found by walking up from the test assembly.</summary>
    public static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BootRoute.sln"))) return dir.FullName;
        }
        return null;
    }

    public static string LabScript()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "lab.sh");
        if (File.Exists(copied)) return copied;
        var root = FindRepoRoot();
        var inRepo = root is null ? null : Path.Combine(root, "tests", "BootRoute.Lab", "lab.sh");
        if (inRepo is not null && File.Exists(inRepo)) return inRepo;
        Assert.Fail($"lab.sh not found next to the test assembly ({copied}) nor in the repository.");
        return "";
    }

    /// <summary>
    /// netplan's generator, unpacked (never installed) by tests/tools.sh into BOOTROUTE_TOOLS_DIR (default
    /// &lt;repo&gt;/.tools); missing = test failure, with the command that provides it.
    /// </summary>
    public static (string Program, string LibraryPath) NetplanGenerate()
    {
        var configured = Environment.GetEnvironmentVariable("BOOTROUTE_TOOLS_DIR");
        var tools = !string.IsNullOrWhiteSpace(configured) ? configured : Path.Combine(FindRepoRoot() ?? ".", ".tools");
        var program = Path.Combine(tools, "root", "usr", "libexec", "netplan", "generate");
        if (!File.Exists(program))
        {
            Assert.Fail($"{program} is missing: run tests/tools.sh (tests/test.sh does) or point BOOTROUTE_TOOLS_DIR at its directory.");
        }
        return (program, Path.Combine(tools, "root", "usr", "lib", "x86_64-linux-gnu"));
    }

    /// <summary>
    /// The shipped build (tests/test.sh sets $BOOTROUTE_RELEASE_BIN to out/bootroute, while the lab runs
    /// the build with test hooks); else &lt;repo root&gt;/out/bootroute. Missing = test failure.
    /// </summary>
    public static string ReleaseBinary()
    {
        var fromEnv = Environment.GetEnvironmentVariable("BOOTROUTE_RELEASE_BIN");
        var root = FindRepoRoot();
        string path = !string.IsNullOrWhiteSpace(fromEnv) ? Path.GetFullPath(fromEnv)
            : root is not null ? Path.Combine(root, "out", "bootroute") : "";
        Assert.True(File.Exists(path), $"the shipped agent ({(path.Length == 0 ? "out/bootroute" : path)}) is missing: build/build.sh out builds it");
        return path;
    }

    /// <summary>
    /// The agent under test: $BOOTROUTE_BIN, else &lt;repo root&gt;/out/bootroute. Missing = test failure,
    /// never a skip: an end-to-end run without the agent proves nothing.
    /// </summary>
    public static string AgentBinary()
    {
        var fromEnv = Environment.GetEnvironmentVariable(BinaryVariable);
        string path;
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            path = Path.GetFullPath(fromEnv);
        }
        else
        {
            var root = FindRepoRoot();
            if (root is null)
            {
                Assert.Fail($"Cannot find the repository root (no BootRoute.sln above {AppContext.BaseDirectory}) " +
                            $"and {BinaryVariable} is not set; cannot locate the bootroute binary.");
            }
            path = Path.Combine(root!, "out", "bootroute");
        }
        if (!File.Exists(path))
        {
            Assert.Fail($"bootroute binary not found at {path}. Publish it first " +
                        "(dotnet publish src/BootRoute -c Release -r linux-x64 -o out) " +
                        $"or point {BinaryVariable} at it.");
        }
        return path;
    }
}
