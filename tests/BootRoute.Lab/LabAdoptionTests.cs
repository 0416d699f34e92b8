using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// A hand-made setup as the articles teach it (issue #14, part 4): tables and rules at BootRoute's
/// ids without its protocol tag. apply takes them over, the floating IPs keep working, a second run
/// changes nothing, and remove puts the hand-made objects back exactly.
/// </summary>
public sealed class LabAdoptionTests(ITestOutputHelper output)
{
    private static void MakeByHand(LabInstance lab)
    {
        foreach (var (nic, n) in new[] { ("ens3", 1), ("ens4", 2) })
        {
            lab.ExecOk("ip", "route", "add", $"100.64.{n}.0/24", "dev", nic, "src", $"100.64.{n}.10", "table", $"10{n}");
            lab.ExecOk("ip", "route", "add", "default", "via", $"100.64.{n}.1", "dev", nic, "table", $"10{n}");
            lab.ExecOk("ip", "rule", "add", "from", $"100.64.{n}.10", "table", $"10{n}", "priority", $"10{n}");
        }
    }

    [Fact]
    public void HandMadeSetupOfTheArticles_IsAdopted_AndRemovePutsItBackExactly()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        MakeByHand(lab);
        var before = lab.RoutingDump();
        const string adopting = "adopting the hand-made \"102: from 100.64.2.10 lookup 102\": remove puts it back";

        var plan = lab.RunAgent("plan", "--config", lab.ConfigPath);
        var apply = lab.RunAgent("apply", "--config", lab.ConfigPath);

        Assert.True(plan.ExitCode == 0, $"plan refused the hand-made setup:\n{plan}");
        Assert.Contains(adopting, plan.Stdout + plan.Stderr, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, $"apply refused the hand-made setup:\n{apply}");
        Assert.Contains(adopting, apply.Stdout + apply.Stderr, StringComparison.Ordinal);
        Assert.Contains("adopting the hand-made \"default via 100.64.2.1 dev ens4 table 102\"", apply.Stdout + apply.Stderr, StringComparison.Ordinal);
        // One rule at each priority, BootRoute's: the protocol-less delete took the hand-made rule, not the new copy.
        var rules = lab.ExecOk("ip", "-N", "-4", "rule", "show").Split('\n');
        Assert.Equal(["101:\tfrom 100.64.1.10 lookup 101 proto 200"], rules.Where(line => line.StartsWith("101:", StringComparison.Ordinal)));
        Assert.Equal(["102:\tfrom 100.64.2.10 lookup 102 proto 200"], rules.Where(line => line.StartsWith("102:", StringComparison.Ordinal)));
        Assert.DoesNotContain(lab.ExecOk("ip", "-N", "-4", "route", "show", "table", "102").Split('\n'),
            line => line.Length > 0 && !line.Contains("proto 200", StringComparison.Ordinal));
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));
        Assert.Contains("adoptedRules", File.ReadAllText(Path.Combine(lab.LabDir, "state", "state.json")), StringComparison.Ordinal);

        using (var again = AgentReport.Parse(lab.RunAgent("plan", "--config", lab.ConfigPath, "--json")))
        {
            Assert.Empty(again.Operations);
        }
        var remove = lab.RunAgent("remove", "--config", lab.ConfigPath);

        Assert.True(remove.ExitCode == 0, $"remove failed:\n{remove}");
        Assert.Equal(before, lab.RoutingDump());
    }

    [Fact]
    public void AHandMadeRouteThatDiffers_StaysAClash_AndNothingIsAdopted()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        MakeByHand(lab);
        lab.ExecOk("ip", "route", "replace", "default", "via", "100.64.2.254", "dev", "ens4", "table", "102");
        var before = lab.RoutingDump();

        var apply = lab.RunAgent("apply", "--config", lab.ConfigPath);

        Assert.True(apply.ExitCode == 4, $"expected exit 4:\n{apply}");
        Assert.Contains("foreign route \"default via 100.64.2.254 dev ens4 table 102\" is in table 102", apply.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("adopting", apply.Stdout + apply.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, lab.RoutingDump());
    }
}
