using System.Diagnostics;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// End-to-end discovery: leases from dhcpcd as well as dhclient, option 121 routes, a lease that
/// arrives after the agent started, and a NIC that never gets one. Each test builds its own lab with
/// lab.sh's scenario knobs (LAB_CLIENTS, LAB_OPTION121, LAB_LATE, LAB_NOLEASE).
/// Agent contract used here: `apply --config PATH --json` prints the report on stdout, progress and
/// errors on stderr; exit 0 ok, 3 discovery failed; config keys leases.{dhclient_dir,dhcpcd_dir,
/// sources}, discovery.timeout, interfaces[].name.
/// </summary>
public sealed class LabDiscoveryTests(ITestOutputHelper output)
{
    private const string Primary = "ens3";
    private const string Secondary = "ens4";
    private const string Metadata = "169.254.169.254";

    [Fact]
    public void Apply_DhclientAndDhcpcd_EveryFloatingIpAnswers()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string>
        {
            ["LAB_CLIENTS"] = "dhclient dhcpcd",
        });
        Assert.Equal("dhcpcd", lab.Info["NIC2_CLIENT"]);
        Assert.True(File.Exists(Path.Combine(lab.Info["DHCPCD_DIR"], $"{Secondary}.lease")),
            "dhcpcd wrote no lease file into the lab's DHCPCD_DIR");

        // Before: dhclient's default on ens3 has no metric; dhcpcd adds its own default for ens4 with
        // metric 1000 + ifindex, so main has two defaults and ens3's wins. ens4's replies still leave
        // by ens3 and provider A drops them.
        var defaults = MainDefaults(lab);
        Assert.Equal(2, defaults.Count);
        var viaPrimary = Assert.Single(defaults, d => d.Str("dev") == Primary);
        Assert.Null(viaPrimary.Str("metric"));
        var viaSecondary = Assert.Single(defaults, d => d.Str("dev") == Secondary);
        Assert.Equal(lab.GatewayOf(Secondary), viaSecondary.Str("gateway"));
        Assert.Equal((1000 + IfIndex(lab, Secondary)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            viaSecondary.Str("metric"));
        var before = lab.Probe();
        AssertAnswers(before, Primary, expectOk: true);
        AssertAnswers(before, Secondary, expectOk: false);

        var run = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");

        Assert.True(run.ExitCode == 0, $"apply failed:\n{run}");
        using var report = AgentReport.Parse(run);
        Assert.Equal(Primary, report.Primary);
        AssertVerified(lab, report, Primary, Secondary);
        AssertEverythingAnswers(lab.Probe());
        var after = Assert.Single(MainDefaults(lab));
        Assert.Equal(Primary, after.Str("dev"));
        Assert.Equal(lab.GatewayOf(Primary), after.Str("gateway"));
    }

    [Fact]
    public void Apply_Option121_CopiesTheMetadataRouteIntoTheNicsTable()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string>
        {
            ["LAB_OPTION121"] = Secondary,
        });
        // Before: Debian's rfc3442 exit hook put the metadata route into main (its 0/0 route failed
        // with EEXIST, ens3 already owned the default), so the main default stays on ens3.
        var main = IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "route", "show", "table", "main"));
        Assert.Contains(main, r => r.Str("dst") == Metadata && r.Str("gateway") == lab.GatewayOf(Secondary)
                                   && r.Str("dev") == Secondary);
        var defaultBefore = Assert.Single(main, r => r.Str("dst") == "default");
        Assert.Equal(Primary, defaultBefore.Str("dev"));

        var run = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");

        Assert.True(run.ExitCode == 0, $"apply failed:\n{run}");
        using var report = AgentReport.Parse(run);
        AssertVerified(lab, report, Primary, Secondary);
        var table = report.Interface(Secondary).Str("table");
        Assert.False(string.IsNullOrEmpty(table), $"report names no table for {Secondary}:\n{report}");
        var routes = lab.ExecOk("ip", "-4", "route", "show", "table", table!);
        Assert.Contains($"{Metadata} via {lab.GatewayOf(Secondary)} dev {Secondary}", routes, StringComparison.Ordinal);
        AssertEverythingAnswers(lab.Probe());

        var get = Assert.Single(IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "route", "get", Metadata,
            "from", lab.AddressOf(Secondary))));
        Assert.Equal(Secondary, get.Str("dev"));
        Assert.Equal(lab.GatewayOf(Secondary), get.Str("gateway"));
        // The metadata responder on provider B answers from ens4's address.
        lab.ExecOk("ping", "-n", "-q", "-c", "1", "-W", "2", "-I", lab.AddressOf(Secondary), Metadata);
    }

    [Fact]
    public void Apply_LeaseArrivesLate_WaitsAndConverges()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string>
        {
            ["LAB_LATE"] = $"{Secondary}:10",
        });
        var config = WriteConfig(lab, "late.yaml", "40s");
        // The agent starts before the lease: ens4 has no address yet.
        Assert.DoesNotContain($"inet {lab.AddressOf(Secondary)}/", lab.ExecOk("ip", "-4", "addr", "show", "dev", Secondary),
            StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        var run = lab.RunAgent("apply", "--config", config, "--json");
        clock.Stop();

        Assert.True(run.ExitCode == 0, $"apply failed:\n{run}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"apply took {clock.Elapsed.TotalSeconds:F1}s:\n{run}");
        Assert.True(StderrLines(run).Any(l => l.Contains(Secondary, StringComparison.Ordinal)),
            $"no progress line on stderr names {Secondary} (e.g. \"waiting for {Secondary}\"):\n{run}");
        using var report = AgentReport.Parse(run);
        AssertVerified(lab, report, Primary, Secondary);
        AssertEverythingAnswers(lab.Probe());
    }

    [Fact]
    public void Apply_NicNeverGetsALease_Exits3AndChangesNothing()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string>
        {
            ["LAB_NOLEASE"] = Secondary,
        });
        var config = WriteConfig(lab, "nolease.yaml", "5s");
        var rules = lab.ExecOk("ip", "rule");
        var routes = lab.ExecOk("ip", "-4", "route", "show", "table", "all");

        var run = lab.RunAgent("apply", "--config", config, "--json");

        Assert.True(run.ExitCode == 3, $"expected exit 3 (discovery failed):\n{run}");
        Assert.True(StderrLines(run).Any(l => l.Contains(Secondary, StringComparison.Ordinal)
                && (l.Contains("lease", StringComparison.OrdinalIgnoreCase)
                    || l.Contains("address", StringComparison.OrdinalIgnoreCase))),
            $"stderr does not name {Secondary} and what it lacks (lease/address):\n{run}");
        Assert.Equal(rules, lab.ExecOk("ip", "rule"));
        Assert.Equal(routes, lab.ExecOk("ip", "-4", "route", "show", "table", "all"));
    }

    /// <summary>The lab's generated config plus both NICs and a discovery timeout.</summary>
    private static string WriteConfig(LabInstance lab, string name, string timeout)
    {
        var path = Path.Combine(lab.LabDir, name);
        File.WriteAllText(path, File.ReadAllText(lab.ConfigPath) + $"""

            discovery:
              timeout: {timeout}
            interfaces:
              - name: {Primary}
              - name: {Secondary}
            """);
        return path;
    }

    private static void AssertVerified(LabInstance lab, AgentReport report, params string[] nics)
    {
        foreach (var nic in nics)
        {
            var iface = report.Interface(nic);
            Assert.True(iface.TryGetProperty("verified", out var v) && v.ValueKind == JsonValueKind.True,
                $"{nic} is not verified in the report:\n{iface}");
            Assert.Equal(lab.AddressOf(nic), iface.Str("address"));
            Assert.Equal(lab.GatewayOf(nic), iface.Str("gateway"));
        }
    }

    private static List<JsonElement> MainDefaults(LabInstance lab) =>
        IpJson.Parse(lab.ExecOk("ip", "-j", "-4", "route", "show", "table", "main"))
            .Where(r => r.Str("dst") == "default").ToList();

    private static int IfIndex(LabInstance lab, string nic) =>
        Assert.Single(IpJson.Parse(lab.ExecOk("ip", "-j", "link", "show", "dev", nic)))
            .GetProperty("ifindex").GetInt32();

    private static string[] StderrLines(ProcessResult run) =>
        run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

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
