using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// Issue #15: dual stack on two NICs (LAB_IPV6). Each provider advertises its own /64 (SLAAC, privacy
/// addresses on) and drops forwarded packets from any other prefix. The remote client's TCP
/// connection to each global address decides: before apply the secondary's replies leave by the
/// primary's router (the instance's one IPv6 default) and are dropped; after apply every address,
/// stable and temporary, answers.
/// </summary>
public sealed partial class LabIPv6Tests(ITestOutputHelper output)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Apply_DualStackTwoNics_EveryGlobalAddressAnswersOverTcp_SecondApplyChangesNothing_RemoveRestores()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_IPV6"] = "1" });
        var ens3 = GlobalAddresses(lab, "ens3");
        var ens4 = GlobalAddresses(lab, "ens4");
        Assert.Equal(2, ens4.Count); // the stable SLAAC address and a privacy one
        var ipv6Before = IPv6Dump(lab);
        var ipv4Before = lab.RoutingDump();
        Assert.All(ens3, address => Assert.True(Connects(lab, address), $"{address} (primary) does not answer before apply"));
        Assert.All(ens4, address => Assert.False(Connects(lab, address), $"{address} answers before apply: the lab shows no asymmetry"));

        var plan = lab.RunAgent("plan", "--config", lab.ConfigPath);
        Assert.Contains("ip -6 rule add priority 102 from 2001:db8:2::/64 lookup 102", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("sysctl -w net.ipv6.conf.ens4.accept_ra_defrtr=0", plan.Stdout, StringComparison.Ordinal);
        var apply = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");

        Assert.True(apply.ExitCode == 0, $"apply failed:\n{apply}");
        // Verification looked up each global address's egress (exit 0: every check passed).
        Assert.All(ens3.Concat(ens4), address =>
            Assert.Contains($"\"target\": \"2001:db8::1 from {address}\"", apply.Stdout, StringComparison.Ordinal));
        Assert.All(ens3.Concat(ens4), address => Assert.True(Connects(lab, address), $"{address} does not answer after apply"));
        Assert.All(lab.Probe(), probe => Assert.True(probe.Ok, probe.ToString()));
        // Past the providers' advertisement interval (10 s): the secondary's router did not put its main default back.
        Thread.Sleep(TimeSpan.FromSeconds(12));
        Assert.DoesNotContain("dev ens4", lab.ExecOk("ip", "-6", "route", "show", "table", "main", "default"), StringComparison.Ordinal);
        Assert.Equal("0", lab.ExecOk("sysctl", "-n", "net.ipv6.conf.ens4.accept_ra_defrtr").Trim());
        var again = lab.RunAgent("apply", "--config", lab.ConfigPath, "--json");
        Assert.True(again.ExitCode == 0, $"second apply failed:\n{again}");
        using (var second = AgentReport.Parse(again))
        {
            Assert.True(second.Applied == 0, $"second apply changed something:\n{again}");
        }

        var remove = lab.RunAgent("remove", "--config", lab.ConfigPath);

        Assert.True(remove.ExitCode == 0, $"remove failed:\n{remove}");
        Assert.Equal(ipv4Before, lab.RoutingDump());
        // The secondary's default comes back with its router's next advertisement, as the router made it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (IPv6Dump(lab) != ipv6Before && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(500);
        }
        Assert.Equal(ipv6Before, IPv6Dump(lab));
        Assert.Equal("1", lab.ExecOk("sysctl", "-n", "net.ipv6.conf.ens4.accept_ra_defrtr").Trim());
    }

    /// <summary>The NIC's global IPv6 addresses, as the kernel lists them.</summary>
    internal static List<string> GlobalAddresses(LabInstance lab, string nic) =>
        [.. lab.ExecOk("ip", "-6", "-o", "addr", "show", "dev", nic, "scope", "global").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => Inet6().Match(line)).Where(match => match.Success).Select(match => match.Groups[1].Value)];

    /// <summary>`ip -6 rule` and every table but local, without the seconds left of router-advertised lifetimes.</summary>
    /// <remarks>
    /// Routes sorted: after remove the secondary's default comes back with its router's next
    /// advertisement, so the kernel lists the two router-advertised defaults in another order than
    /// before (the lab's first router is preferred by RA preference, not by list order).
    /// </remarks>
    private static string IPv6Dump(LabInstance lab) =>
        lab.ExecOk("ip", "-6", "rule", "show") + "==\n" + string.Join('\n', lab.ExecOk("ip", "-6", "route", "show", "table", "all").Split('\n')
            .Where(line => !line.Contains("table local", StringComparison.Ordinal)).Select(line => Expires().Replace(line, "")).Order(StringComparer.Ordinal));

    /// <summary>A TCP connection from the remote client to [address]:2222 that gets the service's greeting.</summary>
    internal bool Connects(LabInstance lab, string address)
    {
        var r = ProcessRunner.Run("ip", ["netns", "exec", lab.Info["NS_CLI"], "timeout", "6", "socat", "-u", $"TCP6:[{address}]:2222,connect-timeout=4", "-"],
            ConnectTimeout);
        output.WriteLine($"connect [{address}]:2222: exit {r.ExitCode} {r.Stdout.Trim()} {r.Stderr.Trim()}");
        return r.Succeeded && r.Stdout.Contains("bootroute-lab6", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"inet6 ([0-9a-f:]+)/")]
    private static partial Regex Inet6();

    [GeneratedRegex(@" expires \d+sec")]
    private static partial Regex Expires();
}
