using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// The fault and delay hooks the lab relies on exist only in the lab's build: the shipped agent
/// ignores BOOTROUTE_INJECT_FAULT, so a stray line in /etc/default/bootroute cannot fail a boot.
/// </summary>
public sealed class LabTestHooksTests(ITestOutputHelper output)
{
    [Fact]
    public void TheShippedAgent_IgnoresTheFaultHook_TheLabsBuildHonoursIt()
    {
        var shipped = RepoPaths.ReleaseBinary();
        var lab = RepoPaths.AgentBinary();
        using var instance = new LabInstance(output);
        var fault = new Dictionary<string, string> { ["BOOTROUTE_INJECT_FAULT"] = "1" };

        var withHooks = instance.RunBinaryWith(lab, fault, "apply", "--no-verify", "--config", instance.ConfigPath);
        var asShipped = instance.RunBinaryWith(shipped, fault, "apply", "--no-verify", "--config", instance.ConfigPath);

        if (!string.Equals(Path.GetFullPath(shipped), Path.GetFullPath(lab), StringComparison.Ordinal))
        {
            Assert.True(withHooks.ExitCode == 4, $"the lab's build must honour the fault hook:\n{withHooks}");
        }
        Assert.True(asShipped.ExitCode == 0, $"the shipped agent must ignore BOOTROUTE_INJECT_FAULT:\n{asShipped}");
        Assert.DoesNotContain("injected fault", asShipped.Stderr, StringComparison.Ordinal);
    }
}
