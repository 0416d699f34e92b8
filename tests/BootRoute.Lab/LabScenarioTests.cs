using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// End-to-end scenarios beyond the two-NIC default: other NIC counts and names, a configured primary
/// that is not the NIC dhclient gave the default to, and bad configuration.
/// </summary>
public sealed class LabScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public void Apply_ThreeNicsWithOtherNames_EveryFloatingIpAnswers()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, "eth0 eth1 eth2");
        var before = lab.Probe();
        Assert.Contains(before, probe => probe.Nic == "eth2" && !probe.Ok);

        var run = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");

        Assert.True(run.ExitCode == 0, $"apply failed:\n{run}");
        using var report = AgentReport.Parse(run);
        Assert.Equal("eth0", report.Primary);
        foreach (var nic in lab.Nics)
        {
            Assert.Equal(lab.AddressOf(nic), report.Interface(nic).Str("address"));
        }
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));
    }

    [Fact]
    public void Apply_ConfiguredPrimary_MovesTheMainDefaultToIt()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        var config = Path.Combine(lab.LabDir, "primary-ens4.yaml");
        File.WriteAllText(config, File.ReadAllText(lab.ConfigPath) + """

            interfaces:
              - name: ens3
              - name: ens4
                primary: true
            """);

        var run = lab.RunAgent("apply", "--config", config, "--json");

        Assert.True(run.ExitCode == 0, $"apply failed:\n{run}");
        using var report = AgentReport.Parse(run);
        Assert.Equal("ens4", report.Primary);
        var defaults = IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "route", "show", "table", "main"))
            .Where(route => route.Str("dst") == "default").ToList();
        var only = Assert.Single(defaults);
        Assert.Equal("ens4", only.Str("dev"));
        Assert.Equal(lab.GatewayOf("ens4"), only.Str("gateway"));
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));

        var again = lab.RunAgent("apply", "--config", config, "--json");
        using var second = AgentReport.Parse(again);
        Assert.True(second.Applied == 0, $"second apply changed something:\n{again}");
    }

    [Fact]
    public void Apply_WithAnUnknownKey_Exits2AndChangesNothing()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        var config = Path.Combine(lab.LabDir, "bad.yaml");
        File.WriteAllText(config, File.ReadAllText(lab.ConfigPath) + "\nverify:\n  timeuot: 2s\n");
        var rules = lab.ExecOk("ip", "rule");
        var routes = lab.ExecOk("ip", "-4", "route", "show", "table", "all");

        var run = lab.RunAgent("apply", "--config", config);

        Assert.Equal(2, run.ExitCode);
        var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(config, error, StringComparison.Ordinal);
        Assert.Contains("timeuot", error, StringComparison.Ordinal);
        Assert.Equal(rules, lab.ExecOk("ip", "rule"));
        Assert.Equal(routes, lab.ExecOk("ip", "-4", "route", "show", "table", "all"));
    }
}
