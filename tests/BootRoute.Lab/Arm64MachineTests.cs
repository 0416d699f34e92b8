using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// The cross-compiled arm64 agent planning, applying, re-applying and removing in a real aarch64
/// kernel: tests/arm64-vm/run.sh boots Debian's arm64 kernel under qemu-system-aarch64 (no KVM
/// needed) and runs tests/arm64-vm/scenario.sh there, a two-NIC lab of veth pairs inside the machine;
/// tests/arm64-vm/run-x64.sh runs the same scenario with the x64 binary in a namespace here. The two
/// transcripts (exit codes, the kernel's rules and routes after each step, the reports without their
/// times) must be equal. qemu-user cannot stand in: its netlink translation refuses RTM_GETRULE.
/// Without qemu-system-aarch64 or the machine image the test fails; it never skips.
/// </summary>
public sealed class Arm64MachineTests(ITestOutputHelper output)
{
    private static readonly TimeSpan MachineTimeout = TimeSpan.FromMinutes(11);

    [Fact]
    public void Arm64Agent_InAnArm64Kernel_PlansAppliesAndRemovesAsTheX64BuildDoes()
    {
        string scripts = Path.Combine(RepoPaths.FindRepoRoot()!, "tests", "arm64-vm");
        string? machine = Environment.GetEnvironmentVariable("BOOTROUTE_ARM64_VM");
        Assert.False(string.IsNullOrWhiteSpace(machine), "BOOTROUTE_ARM64_VM is not set: tests/arm64-vm/build.sh makes the arm64 machine and prints it");
        string arm64 = Path.Combine(Path.GetDirectoryName(RepoPaths.ReleaseBinary())!, "arm64", "bootroute");
        Assert.True(File.Exists(arm64), $"{arm64} is missing: build/build.sh builds it");

        var arm = Transcript(Run(Path.Combine(scripts, "run.sh"), [arm64, machine!]));
        var x64 = Transcript(Run(Path.Combine(scripts, "run-x64.sh"), [RepoPaths.ReleaseBinary()]));

        Assert.Equal("aarch64", arm.Machine);
        Assert.Equal("x86_64", x64.Machine);
        Assert.Equal("exit 0", arm.Sections["apply"][0]);
        Assert.Contains("from 100.64.2.10 lookup", string.Join('\n', arm.Sections["apply"]));
        Assert.Contains("every check passed", string.Join('\n', arm.Sections["apply report"]));
        Assert.Equal(arm.Sections["apply"], arm.Sections["apply-again"]);
        // The kernel source still sees ens4 after apply removed its DHCP default (state.json keeps it).
        Assert.Contains("already converged, 0 operations", string.Join('\n', arm.Sections["apply-again report"]));
        Assert.Equal(arm.Sections["plan"], arm.Sections["remove"]);
        Assert.Equal(x64.Lines, arm.Lines);
    }

    private ProcessResult Run(string script, string[] args)
    {
        var result = ProcessRunner.Run("bash", [script, .. args], MachineTimeout);
        output.WriteLine(result.ToString());
        Assert.True(result.Succeeded, result.ToString());
        return result;
    }

    /// <summary>The scenario's lines after the BEGIN marker, and the same lines grouped by their "== step" headings.</summary>
    private static ScenarioTranscript Transcript(ProcessResult run)
    {
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.True(lines.Count > 2 && lines[0].StartsWith("BOOTROUTE-ARM64-BEGIN ", StringComparison.Ordinal), run.ToString());
        Assert.Equal("BOOTROUTE-ARM64-END", lines[^1]);
        var body = lines[1..^1];
        var sections = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (string line in body)
        {
            if (line.StartsWith("== ", StringComparison.Ordinal))
            {
                sections[line[3..]] = current = [];
            }
            else
            {
                current?.Add(line);
            }
        }
        return new ScenarioTranscript(lines[0]["BOOTROUTE-ARM64-BEGIN ".Length..], body, sections);
    }

    private sealed record ScenarioTranscript(string Machine, List<string> Lines, Dictionary<string, List<string>> Sections);
}
