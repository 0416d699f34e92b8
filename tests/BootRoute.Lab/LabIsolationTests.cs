using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// One NIC's bad data never costs the other NICs their routing, against the real kernel, real DHCP
/// servers and clients and real NAT: three NICs, the third one's DHCP server rogue (it names 127.0.0.1
/// as the router) or silent; the agent holds that NIC, exits 3 naming it, and the remote client
/// reaches the other two NICs' floating IPs.
/// </summary>
public sealed class LabIsolationTests(ITestOutputHelper output)
{
    private const string Nics = "ens3 ens4 ens5";
    private const string Bad = "ens5";

    [Fact]
    public void RogueRouterOnOneNic_TheOtherNicsConverge_AndExit3NamesIt()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, nics: Nics, scenario: new Dictionary<string, string> { ["LAB_ROGUE"] = Bad });

        var run = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");

        Assert.True(run.ExitCode == 3, $"expected exit 3 (one NIC not managed):\n{run}");
        AssertHeldAndOthersConverged(lab, run, "gateway 127.0.0.1");
    }

    [Fact]
    public void ConfiguredNicWithoutALease_TheOtherNicsConverge_AndExit3NamesIt()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, nics: Nics, scenario: new Dictionary<string, string> { ["LAB_NOLEASE"] = Bad });
        var config = Path.Combine(lab.LabDir, "three.yaml");
        File.WriteAllText(config, File.ReadAllText(lab.ConfigPath) + """

            discovery:
              timeout: 3s
            interfaces:
              - name: ens3
              - name: ens4
              - name: ens5
            """);

        var run = lab.RunAgent("apply", "--config", config, "--json");

        Assert.True(run.ExitCode == 3, $"expected exit 3 (one NIC not managed):\n{run}");
        AssertHeldAndOthersConverged(lab, run, "no DHCP lease");
    }

    [Fact]
    public void KernelRefusesOneNicsOperation_ThatNicIsHeld_TheOthersConverge_AndExit4NamesIt()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, nics: Nics);
        using var plan = AgentReport.Parse(lab.RunAgent("plan", "--config", lab.ConfigPath, "--json"));
        // ens5 is the third NIC: its table is 103. The fault hook makes the kernel's answer to its
        // first operation a refusal, as a route the kernel rejects would be.
        int refused = plan.Operations.ToList().FindIndex(operation => operation.Contains("table 103", StringComparison.Ordinal)) + 1;
        Assert.True(refused > 0, $"no operation for table 103 in the plan: {string.Join("; ", plan.Operations)}");

        var run = lab.RunAgentWith(new Dictionary<string, string> { ["BOOTROUTE_INJECT_FAULT"] = refused.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            "apply", "--config", lab.ConfigPath, "--json");

        Assert.True(run.ExitCode == 4, $"expected exit 4 (the kernel refused one NIC's operation):\n{run}");
        AssertHeldAndOthersConverged(lab, run, "the kernel refused");
    }

    private static void AssertHeldAndOthersConverged(LabInstance lab, ProcessResult run, string why)
    {
        using var report = AgentReport.Parse(run);
        var held = Assert.Single(report.Root.GetProperty("held").EnumerateArray().ToList());
        Assert.Equal(Bad, held.GetProperty("name").GetString());
        Assert.Contains(why, held.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(["ens3", "ens4"], report.Interfaces.Select(nic => nic.GetProperty("name").GetString()));
        Assert.All(report.Interfaces, nic => Assert.True(nic.GetProperty("verified").ValueKind == JsonValueKind.True, $"{nic} not verified"));
        Assert.Contains(run.Stderr.Split('\n'), line => line.Contains(Bad, StringComparison.Ordinal) && line.Contains(why, StringComparison.Ordinal));

        var probe = lab.Probe();
        Assert.All(probe.Where(result => result.Nic != Bad), result => Assert.True(result.Ok, $"{result}; probe: {string.Join("; ", probe)}"));
        // Nothing of the held NIC's: no rule for its address.
        string rules = lab.ExecOk("ip", "-4", "rule", "show");
        Assert.DoesNotContain("100.64.3.10", rules, StringComparison.Ordinal);
        Assert.Contains("100.64.2.10", rules, StringComparison.Ordinal);
    }
}
