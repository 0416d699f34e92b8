using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// End-to-end: the agent inside a namespace "cloud instance" with two DHCP NICs, each with a floating IP
/// behind its own provider (1:1 NAT + anti-spoofing). Every test builds and destroys its own lab, so
/// order does not matter. Needs root and the published agent (BOOTROUTE_BIN or &lt;repo&gt;/out/bootroute).
/// </summary>
public sealed class LabTests(ITestOutputHelper output)
{
    private const string Primary = "ens3";
    private const string Secondary = "ens4";

    /// <summary>The lab models the problem: only the NIC owning the main default answers.</summary>
    [Fact]
    public void BeforeAgent_OnlyPrimaryFloatingIpAnswers()
    {
        using var lab = new LabInstance(output);

        var defaults = MainDefaults(lab);
        Assert.Single(defaults);
        Assert.Equal(Primary, defaults[0].Str("dev"));

        var probe = lab.Probe();
        AssertAnswers(probe, Primary, expectOk: true);
        AssertAnswers(probe, Secondary, expectOk: false);
    }

    [Fact]
    public void Apply_MakesEveryFloatingIpAnswer()
    {
        var bin = RepoPaths.AgentBinary(); // fail before spending time on a lab
        output.WriteLine($"agent: {bin}");
        using var lab = new LabInstance(output);

        var run = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");
        Assert.True(run.ExitCode == 0, $"apply failed:\n{run}");
        using var report = AgentReport.Parse(run);
        Assert.Equal("apply", report.Command);
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(Primary, report.Primary);

        foreach (var nic in new[] { Primary, Secondary })
        {
            var iface = report.Interface(nic);
            Assert.True(iface.TryGetProperty("verified", out var v) && v.ValueKind == JsonValueKind.True,
                $"{nic} is not verified in the report:\n{iface}");
            Assert.Equal(lab.AddressOf(nic), iface.Str("address"));
            Assert.Equal(lab.GatewayOf(nic), iface.Str("gateway"));
        }

        AssertEverythingAnswers(lab.Probe());

        // Policy rule for the secondary address points at the table the report names.
        var table = report.Interface(Secondary).Str("table");
        var rules = IpJson.Parse(lab.ExecOk("ip", "-N", "-j", "-4", "rule", "show"));
        Assert.Contains(rules, r => r.Str("src") == lab.AddressOf(Secondary) && r.Str("srclen") is null
                                    && r.Str("table") == table);
        // rt_tables.d and rt_protos.d name them, so `ip rule` reads like the seeds' procedure.
        Assert.Contains($"from {lab.AddressOf(Secondary)} lookup {Secondary} proto bootroute", lab.ExecOk("ip", "-4", "rule", "show"),
            StringComparison.Ordinal);

        // Still exactly one main default, on the primary NIC.
        var defaults = MainDefaults(lab);
        Assert.Single(defaults);
        Assert.Equal(Primary, defaults[0].Str("dev"));
        Assert.Equal(lab.GatewayOf(Primary), defaults[0].Str("gateway"));
    }

    [Fact]
    public void Apply_SecondRun_PerformsNoOperations()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);

        var first = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");
        Assert.True(first.ExitCode == 0, $"first apply failed:\n{first}");

        var second = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");
        Assert.True(second.ExitCode == 0, $"second apply failed:\n{second}");
        using var report = AgentReport.Parse(second);
        Assert.True(report.Applied == 0, $"second apply changed something:\n{report}");
        AssertEverythingAnswers(lab.Probe());
    }

    [Fact]
    public void Plan_ChangesNothing_AndListsIpCommands()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);

        var before = Snapshot(lab);
        var run = lab.RunAgent("plan", "--config", lab.ConfigPath, "--json");
        Assert.True(run.ExitCode == 0, $"plan failed:\n{run}");
        var after = Snapshot(lab);
        Assert.Equal(before, after);

        using var report = AgentReport.Parse(run);
        Assert.Equal("plan", report.Command);
        Assert.NotEmpty(report.Operations);
        Assert.All(report.Operations, op => Assert.StartsWith("ip ", op, StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_WithStrictRpFilter_EveryFloatingIpAnswers()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);

        // Strict reverse-path filtering, inside the instance namespace only.
        foreach (var key in new[] { "all", Primary, Secondary })
        {
            lab.ExecOk("sysctl", "-w", $"net.ipv4.conf.{key}.rp_filter=1");
            Assert.Equal("1", lab.ExecOk("sysctl", "-n", $"net.ipv4.conf.{key}.rp_filter").Trim());
        }

        var run = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");
        Assert.True(run.ExitCode == 0, $"apply failed with rp_filter=1:\n{run}");
        AssertEverythingAnswers(lab.Probe());
    }

    private static List<JsonElement> MainDefaults(LabInstance lab) =>
        IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "route", "show", "table", "main"))
            .Where(r => r.Str("dst") == "default").ToList();

    private static string Snapshot(LabInstance lab) =>
        "== ip rule\n" + lab.ExecOk("ip", "rule") +
        "== ip -6 rule\n" + lab.ExecOk("ip", "-6", "rule") +
        "== ip -4 route show table all (BootRoute manages IPv4; IPv6 link-local routes come and go on their own)\n" + lab.ExecOk("ip", "-4", "route", "show", "table", "all");

    private static void AssertAnswers(IReadOnlyList<ProbeResult> probe, string nic, bool expectOk)
    {
        var mine = probe.Where(p => p.Nic == nic).ToList();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, p => Assert.True(p.Ok == expectOk,
            $"expected {p.Kind} to {p.FloatingIp} ({nic}) to {(expectOk ? "answer" : "fail")}; probe: {string.Join("; ", probe)}"));
    }

    private static void AssertEverythingAnswers(IReadOnlyList<ProbeResult> probe) =>
        Assert.All(probe, p => Assert.True(p.Ok, $"{p} — probe: {string.Join("; ", probe)}"));
}
