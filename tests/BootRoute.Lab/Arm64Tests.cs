using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// The arm64 build build/build.sh cross-compiles (OUT/arm64/bootroute) and its packages: an aarch64
/// ELF file, run under qemu-user (qemu-aarch64-static) with an arm64 Debian root for its libc and
/// libssl ($BOOTROUTE_ARM64_ROOT, made by tests/arm64-root.sh), answering as the x64 build does. Without
/// qemu or the root the tests fail; they never skip.
/// </summary>
public sealed class Arm64Tests(ITestOutputHelper output) : IDisposable
{
    private const string Qemu = "qemu-aarch64-static";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(120);
    private readonly List<string> scratch = [];

    private static string Arm64Binary
    {
        get
        {
            string path = Path.Combine(Path.GetDirectoryName(RepoPaths.ReleaseBinary())!, "arm64", "bootroute");
            Assert.True(File.Exists(path), $"{path} is missing: build/build.sh builds it (BOOTROUTE_ARCHES includes arm64 by default)");
            return path;
        }
    }

    private static string Arm64Root
    {
        get
        {
            string? root = Environment.GetEnvironmentVariable("BOOTROUTE_ARM64_ROOT");
            Assert.False(string.IsNullOrWhiteSpace(root), "BOOTROUTE_ARM64_ROOT is not set: tests/arm64-root.sh makes an arm64 root for qemu and prints it");
            Assert.True(File.Exists(Path.Combine(root!, "lib/ld-linux-aarch64.so.1")), $"{root} has no arm64 dynamic loader: run tests/arm64-root.sh");
            return root!;
        }
    }

    [Fact]
    public void Arm64Binary_IsAarch64_AndSaysTheSameVersionUnderQemu()
    {
        byte[] header = File.ReadAllBytes(Arm64Binary)[..20];
        // ELF, 64-bit, little-endian, e_machine 183 (EM_AARCH64).
        Assert.Equal([0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1], header[..6]);
        Assert.Equal(183, BitConverter.ToUInt16(header, 18));

        var arm = Run(Qemu, ["-L", Arm64Root, Arm64Binary, "--version"]);
        var x64 = Run(RepoPaths.ReleaseBinary(), ["--version"]);
        Assert.True(arm.Succeeded, arm.ToString());
        Assert.Equal(x64.Stdout, arm.Stdout);
        Assert.Matches(@"^bootroute \d+\.\d+\.\d+\S* \(commit [0-9a-f]{40}\)$", arm.Stdout.Trim());
    }

    [Fact]
    public void Arm64Packages_HoldTheSameFilesAsX64_WithTheArm64Binary()
    {
        string directory = Path.GetDirectoryName(RepoPaths.ReleaseBinary())!;
        string debArm = Single(directory, "bootroute_*_arm64.deb");
        Assert.Equal(Paths(Run("dpkg-deb", ["--contents", Single(directory, "bootroute_*_amd64.deb")])), Paths(Run("dpkg-deb", ["--contents", debArm])));
        Assert.Equal("arm64", Run("dpkg-deb", ["--field", debArm, "Architecture"]).Stdout.Trim());
        string extracted = Scratch();
        Assert.True(Run("dpkg-deb", ["-x", debArm, extracted]).Succeeded);
        Assert.Equal(File.ReadAllBytes(Arm64Binary), File.ReadAllBytes(Path.Combine(extracted, "usr/sbin/bootroute")));

        string rpmArm = Single(directory, "bootroute-*-1.aarch64.rpm");
        Assert.Equal(Run("rpm", ["-qpl", Single(directory, "bootroute-*-1.x86_64.rpm")]).Stdout, Run("rpm", ["-qpl", rpmArm]).Stdout);
        Assert.Equal("aarch64", Run("rpm", ["-qp", "--qf", "%{ARCH}", rpmArm]).Stdout.Trim());
        // The ELF scan saw the arm64 loader: the dependencies are the ones an arm64 RHEL satisfies.
        Assert.Contains("ld-linux-aarch64.so.1", Run("rpm", ["-qpR", rpmArm]).Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// Everything qemu-user can run answers exactly as the x64 build does: help, the owned paths, the
    /// completion script, configuration errors (the source-generated binding and YAML reader) and a
    /// real install into a scratch root. Not plan or apply: qemu-user's netlink translation (7.2, as
    /// Debian ships it) refuses RTM_GETRULE with EOPNOTSUPP, so the agent stops at reading the rules
    /// (exit 3, "send: Operation not supported") before it plans anything; Arm64MachineTests runs those
    /// in a real arm64 kernel.
    /// </summary>
    [Theory]
    [InlineData("--help")]
    [InlineData("paths --owned")]
    [InlineData("completion bash")]
    [InlineData("plan --config /nonexistent/bootroute.yaml")]
    [InlineData("plan --set verify.timeout=soon")]
    [InlineData("install --root /nonexistent/root")]
    public void Arm64Agent_UnderQemu_AnswersAsTheX64BuildDoes(string arguments)
    {
        string[] args = arguments.Split(' ');
        var x64 = Run(RepoPaths.ReleaseBinary(), args);
        var arm = Run(Qemu, ["-L", Arm64Root, Arm64Binary, .. args]);
        Assert.Equal((x64.ExitCode, x64.Stdout, x64.Stderr), (arm.ExitCode, arm.Stdout, arm.Stderr));
        Assert.True(x64.Stdout.Length + x64.Stderr.Length > 0, x64.ToString());
    }

    [Fact]
    public void Arm64Agent_UnderQemu_InstallsAndUninstallsAsTheX64BuildDoes()
    {
        string armRoot = Scratch(), x64Root = Scratch();
        var arm = Run(Qemu, ["-L", Arm64Root, Arm64Binary, "install", "--root", armRoot]);
        var x64 = Run(RepoPaths.ReleaseBinary(), ["install", "--root", x64Root]);
        Assert.True(arm.Succeeded, arm.ToString());
        Assert.Equal(x64.Stdout, arm.Stdout);
        Assert.Equal(File.ReadAllBytes(Arm64Binary), File.ReadAllBytes(Path.Combine(armRoot, "usr/local/sbin/bootroute")));
        var files = Directory.EnumerateFiles(x64Root, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(x64Root, path))
            .Where(path => path != "usr/local/sbin/bootroute").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 10, string.Join("\n", files));
        Assert.All(files, file => Assert.Equal(Content(x64Root, file), Content(armRoot, file)));

        var un = Run(Qemu, ["-L", Arm64Root, Arm64Binary, "uninstall", "--root", armRoot]);
        Assert.True(un.Succeeded, un.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(armRoot));
    }

    /// <summary>A file's text, or "-> target" for a link (the unit's .wants link points outside the scratch root).</summary>
    private static string Content(string root, string file)
    {
        string path = Path.Combine(root, file);
        return new FileInfo(path).LinkTarget is { } target ? $"-> {target}" : File.ReadAllText(path);
    }

    private static List<string> Paths(ProcessResult contents)
    {
        Assert.True(contents.Succeeded, contents.ToString());
        return contents.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line[line.IndexOf(" ./", StringComparison.Ordinal)..]).Order(StringComparer.Ordinal).ToList();
    }

    private static string Single(string directory, string pattern)
    {
        var found = Directory.GetFiles(directory, pattern);
        Assert.True(found.Length == 1, $"expected one {pattern} in {directory} (build/build.sh makes it), found {found.Length}");
        return found[0];
    }

    private string Scratch()
    {
        string path = Directory.CreateTempSubdirectory("bootroute-arm64-").FullName;
        scratch.Add(path);
        return path;
    }

    private ProcessResult Run(string file, string[] args)
    {
        var r = ProcessRunner.Run(file, args, ToolTimeout);
        output.WriteLine(r.ToString());
        return r;
    }

    public void Dispose()
    {
        foreach (var path in scratch)
        {
            try { Directory.Delete(path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
