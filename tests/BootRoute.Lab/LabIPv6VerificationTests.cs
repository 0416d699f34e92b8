using System.Text.Json;
using Xunit;

namespace BootRoute.Lab;

/// <summary>
/// Issue #15, verification in IPv6 (LAB_IPV6): every global address echoes its NIC's router, IPv6
/// targets are probed from each NIC's IPv6 address, and the rollback guard takes back an apply that
/// cuts the primary's IPv6 path. The remote client's TCP connections decide, as in the rest of the class.
/// </summary>
public sealed partial class LabIPv6Tests
{
    private const string Client = "2001:db8:ffff::10";

    [Fact]
    public void Apply_DualStackThreeNics_EveryAddressEchoesItsRouter_IPv6TargetsAnswer_TheClientReachesEveryAddress()
    {
        RepoPaths.AgentBinary();
        string[] nics = ["ens3", "ens4", "ens5"];
        using var lab = new LabInstance(output, nics: string.Join(' ', nics), scenario: new Dictionary<string, string> { ["LAB_IPV6"] = "1" });
        var addresses = nics.ToDictionary(nic => nic, nic => GlobalAddresses(lab, nic));

        // No one listens on the client's port 2223: its reset coming back is the TCP answer.
        var apply = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json",
            "--set", $"verify.targets.0={Client}", "--set", $"verify.targets.1=[{Client}]:2223");

        Assert.True(apply.ExitCode == 0, $"apply failed:\n{apply}");
        using var report = AgentReport.Parse(apply);
        foreach (var nic in nics)
        {
            var checks = report.Interface(nic).GetProperty("checks").EnumerateArray().ToList();
            Assert.All(addresses[nic], address =>
            {
                var router = Assert.Single(checks, check => check.Str("name") == "gateway" && check.Str("target")!.EndsWith($"%{nic} from {address}", StringComparison.Ordinal));
                Assert.StartsWith("fe80::", router.Str("target"), StringComparison.Ordinal);
                Assert.True(router.GetProperty("passed").GetBoolean(), router.ToString());
            });
            var targets = checks.Where(check => check.Str("name") == "target").Select(check => check.Str("target")).ToList();
            Assert.Contains(targets, target => target!.StartsWith($"icmp {Client} from 2001:db8:", StringComparison.Ordinal));
            Assert.Contains(targets, target => target!.StartsWith($"tcp [{Client}]:2223 from 2001:db8:", StringComparison.Ordinal));
            Assert.All(checks, check => Assert.True(check.GetProperty("passed").GetBoolean(), check.ToString()));
        }
        // What the checks claim, the remote client confirms: every address, stable and privacy, of every NIC.
        Assert.All(addresses.Values.SelectMany(list => list), address => Assert.True(Connects(lab, address), $"{address} does not answer after apply"));
    }

    [Fact]
    public void Apply_WrongRouterInTheIPv6Tables_TheRollbackGuardUndoesIt_ThePrimaryStillAnswers()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_IPV6"] = "1" });
        var ens3 = GlobalAddresses(lab, "ens3");
        string ipv4Before = lab.RoutingDump();
        string rulesBefore = lab.ExecOk("ip", "-6", "rule", "show");

        // The test build sends every IPv6 route of BootRoute's tables via a router that is not there:
        // the kernel takes it, and the primary's IPv6 traffic, now behind its rule, goes nowhere.
        var run = lab.RunAgentWith(new Dictionary<string, string> { ["BOOTROUTE_INJECT_IPV6_ROUTER"] = "fe80::dead" },
            "apply", "--config", lab.ConfigPath, "--json");

        Assert.True(run.ExitCode == 1, $"apply should have been rolled back (exit 1):\n{run}");
        using var report = AgentReport.Parse(run);
        var rollback = report.Root.GetProperty("rollback");
        Assert.True(rollback.GetProperty("restored").GetBoolean(), rollback.ToString());
        var lost = rollback.GetProperty("lost").EnumerateArray().Select(line => line.GetString()!).ToList();
        Assert.Contains(lost, line => line.StartsWith("IPv6 next hop: via fe80::dead dev ens3", StringComparison.Ordinal));
        Assert.DoesNotContain(lost, line => line.StartsWith("next hop:", StringComparison.Ordinal));
        Assert.Equal(0, report.Applied);
        Assert.Equal(ipv4Before, lab.RoutingDump());
        Assert.Equal(rulesBefore, lab.ExecOk("ip", "-6", "rule", "show"));
        Assert.Equal("", lab.ExecOk("ip", "-6", "route", "show", "table", "all", "proto", "200").Trim());
        Assert.Contains("dev ens3", lab.ExecOk("ip", "-6", "route", "show", "table", "main", "default"), StringComparison.Ordinal);
        Assert.Equal("1", lab.ExecOk("sysctl", "-n", "net.ipv6.conf.ens4.accept_ra_defrtr").Trim());
        // The secondary's router-advertised default is the router's again: back by the undo or by the
        // router's next advertisement (every 10 s), as after remove.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!lab.ExecOk("ip", "-6", "route", "show", "table", "main", "default").Contains("dev ens4 proto ra", StringComparison.Ordinal)
            && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(500);
        }
        Assert.Contains("dev ens4 proto ra", lab.ExecOk("ip", "-6", "route", "show", "table", "main", "default"), StringComparison.Ordinal);
        // The operator is not cut off: the primary's addresses answer the remote client as before.
        Assert.All(ens3, address => Assert.True(Connects(lab, address), $"{address} (primary) does not answer after the rollback"));
    }

    [Fact]
    public void Apply_SecondaryRouterAdvertisesLifetimeZero_ThatNicIsNotManagedInIPv6_ThePrimaryIs()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_IPV6"] = "1", ["LAB_IPV6_NOROUTER"] = "ens4" });
        var ens3 = GlobalAddresses(lab, "ens3");
        var ens4 = GlobalAddresses(lab, "ens4");
        Assert.NotEmpty(ens4); // SLAAC still gives ens4 its addresses; its router only says "not a default router"
        Assert.DoesNotContain("dev ens4", lab.ExecOk("ip", "-6", "route", "show", "table", "main", "default"), StringComparison.Ordinal);

        var apply = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");

        Assert.True(apply.ExitCode == 0, $"apply failed:\n{apply}");
        using var report = AgentReport.Parse(apply);
        // No router, no IPv6 side: BootRoute plans no table, default or rule for ens4's prefix and says so
        // (docs/design.md, IPv6); the primary keeps its router-advertised main default.
        Assert.True(report.Interface("ens4").TryGetProperty("ipv6", out var none) is false || none.ValueKind == JsonValueKind.Null, report.ToString());
        Assert.Contains(report.Root.GetProperty("diagnostics").EnumerateArray(), line =>
            line.GetString() == "ens4: no IPv6 router (no default route on it, from a router advertisement or static): managed in IPv4 only");
        Assert.DoesNotContain("2001:db8:2::/64", lab.ExecOk("ip", "-6", "rule", "show"), StringComparison.Ordinal);
        Assert.DoesNotContain("table 102", lab.ExecOk("ip", "-6", "route", "show", "table", "all"), StringComparison.Ordinal);
        Assert.Contains("dev ens3 proto ra", lab.ExecOk("ip", "-6", "route", "show", "table", "main", "default"), StringComparison.Ordinal);
        Assert.Equal("1", lab.ExecOk("sysctl", "-n", "net.ipv6.conf.ens4.accept_ra_defrtr").Trim());
        // The client's view: the primary's addresses answer; ens4's have no way back but the primary's
        // router, whose provider drops them, which is what an unmanaged NIC looks like.
        Assert.All(ens3, address => Assert.True(Connects(lab, address), $"{address} (primary) does not answer after apply"));
        Assert.All(ens4, address => Assert.False(Connects(lab, address), $"{address} answers though its router advertises no default"));
    }

    [Fact]
    public void Apply_StaticIPv6AddressBesideSlaac_ItsRouterEchoPasses_TheClientReachesIt()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_IPV6"] = "1" });
        const string staticAddress = "2001:db8:2::50";
        lab.ExecOk("ip", "-6", "addr", "add", $"{staticAddress}/64", "dev", "ens4", "nodad");
        Assert.False(Connects(lab, staticAddress), $"{staticAddress} answers before apply: the lab shows no asymmetry");

        var apply = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");

        Assert.True(apply.ExitCode == 0, $"apply failed:\n{apply}");
        using var report = AgentReport.Parse(apply);
        var router = Assert.Single(report.Interface("ens4").GetProperty("checks").EnumerateArray(),
            check => check.Str("name") == "gateway" && check.Str("target")!.EndsWith($"%ens4 from {staticAddress}", StringComparison.Ordinal));
        Assert.True(router.GetProperty("passed").GetBoolean(), router.ToString());
        Assert.True(Connects(lab, staticAddress), $"{staticAddress} (static) does not answer after apply");
    }
}
