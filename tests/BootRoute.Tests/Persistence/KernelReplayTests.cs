using System.Diagnostics;
using BootRoute.Apply;
using BootRoute.Discovery;
using BootRoute.Model;
using BootRoute.Netlink;
using BootRoute.Persistence;
using BootRoute.Persistence.Detection;
using BootRoute.Planning;
using BootRoute.Tests.Netlink;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>
/// The commands BootRoute persists for ifupdown (post-up/pre-down, as ifquery reads them) and for
/// initscripts (route-/rule- lines, handed to `ip route add`/`ip rule add` like ifup-routes does),
/// run by the real iproute2 in a fresh network namespace shaped like the sample instance: afterwards
/// BootRoute's diff against that kernel is empty, so the stack recreates exactly BootRoute's own
/// objects (proto 200), and the pre-down lines take them all away again.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KernelReplayTests : IDisposable
{
    private readonly ScratchRoot _root = new();
    private readonly LabNamespace _lab = new();

    public KernelReplayTests()
    {
        try
        {
            // ens3 and ens4 as dhclient leaves them: addresses, connected routes, the main default on ens3.
            _lab.Ip("link", "add", "ens3", "type", "veth", "peer", "name", "p3");
            _lab.Ip("link", "add", "ens4", "type", "veth", "peer", "name", "p4");
            foreach (var link in new[] { "ens3", "ens4", "p3", "p4" })
            {
                _lab.Ip("link", "set", link, "up");
            }
            _lab.Ip("addr", "add", "100.64.1.10/24", "dev", "ens3");
            _lab.Ip("addr", "add", "100.64.2.10/24", "dev", "ens4");
            _lab.Ip("route", "add", "default", "via", "100.64.1.1", "dev", "ens3");
            // Dual stack as SLAAC leaves it: each NIC's global address and its router's advertised default (the
            // kernel keeps advertised defaults of one metric side by side; `ip route add` would refuse the second).
            _lab.Ip("-6", "addr", "add", "2001:db8:1::10/64", "dev", "ens3", "nodad");
            _lab.Ip("-6", "addr", "add", "2001:db8:2::10/64", "dev", "ens4", "nodad");
            _lab.Ip("-6", "route", "add", "default", "via", "fe80::1", "dev", "ens3", "proto", "ra", "metric", "1024");
            _lab.Ip("-6", "route", "add", "default", "via", "fe80::2", "dev", "ens4", "proto", "ra", "metric", "1025");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _lab.Dispose();
        _root.Dispose();
    }

    private RoutingPlan PersistAndPlan(PersistBackend backend, bool dualStack = false)
    {
        var host = dualStack ? PersistenceSamples.DualStackHost() : PersistenceSamples.Host();
        var plan = dualStack ? PersistenceSamples.DualStackPlan() : PersistenceSamples.Plan(host);
        var persister = new Persister(_root.Files);
        Assert.True(persister.Write(persister.Plan(plan, host.Snapshot, backend).Changes).Succeeded);
        return plan;
    }

    private void Shell(string command)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "netns", "exec", _lab.Name, "sh", "-c", command })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"`{command}` failed in the namespace: {error}");
    }

    private HostSnapshot Kernel()
    {
        using var netlink = RtnetlinkClient.Open(_lab.Path);
        return KernelState.Read(netlink);
    }

    /// <summary>The route and rule operations BootRoute would still perform (the sample's secondary default is not in this kernel).</summary>
    private static List<Operation> Remaining(RoutingPlan plan, HostSnapshot kernel) =>
        Diff.Compute(plan, kernel).Where(operation => operation is not SysctlSet).ToList();

    private string AcceptRouterDefault(string nic)
    {
        using var process = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", _lab.Name, "cat", $"/proc/sys/net/ipv6/conf/{nic}/accept_ra_defrtr"])
        {
            RedirectStandardOutput = true,
        })!;
        string value = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return value;
    }

    private static IEnumerable<string> Lines(string ifquery, string option) =>
        ifquery.Split('\n').Where(line => line.StartsWith(option + ": ", StringComparison.Ordinal)).Select(line => line[(option.Length + 2)..]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ifupdown_post_up_lines_recreate_exactly_bootroutes_state_and_pre_down_removes_it(bool dualStack)
    {
        _root.Executable("sbin/ifup")
            .With("etc/network/interfaces", "source-directory /etc/network/interfaces.d\n")
            .With("etc/network/interfaces.d/50-cloud-init", "auto ens3\niface ens3 inet dhcp\nauto ens4\niface ens4 inet dhcp\n");
        var plan = PersistAndPlan(PersistBackend.Ifupdown, dualStack);
        string stanzas = Path.Join(_root.Path, Paths.Stacks.IfupdownStanzaFile);
        Assert.NotEmpty(Remaining(plan, Kernel()));

        foreach (var nic in new[] { "ens3", "ens4" })
        {
            var query = StackTools.Run(StackTools.Ifquery, ["-i", stanzas, nic]);
            Assert.True(query.ExitCode == 0, query.ToString());
            foreach (var line in Lines(query.Stdout, "up"))
            {
                Shell(line);
            }
        }

        // Dual stack: the IPv6 tables and rules too, and the secondary's advertised default is gone from main.
        Assert.Empty(Remaining(plan, Kernel()));
        Assert.Equal(dualStack ? "0" : "1", AcceptRouterDefault("ens4"));
        Assert.Equal("1", AcceptRouterDefault("ens3"));
        foreach (var nic in new[] { "ens4", "ens3" })
        {
            foreach (var line in Lines(StackTools.Run(StackTools.Ifquery, ["-i", stanzas, nic]).Stdout, "down"))
            {
                Shell(line);
            }
        }
        var after = Kernel();
        Assert.DoesNotContain(after.Rules, rule => rule.Protocol == RouteProtocols.BootRoute);
        Assert.DoesNotContain(after.Routes, route => route.Protocol == RouteProtocols.BootRoute);
        Assert.DoesNotContain(after.IPv6.Rules, rule => rule.Protocol == RouteProtocols.BootRoute);
        Assert.DoesNotContain(after.IPv6.Routes, route => route.Protocol == RouteProtocols.BootRoute);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Initscripts_route_and_rule_lines_given_to_ip_recreate_exactly_bootroutes_state(bool dualStack)
    {
        _root.With("etc/sysconfig/network-scripts/ifcfg-ens3", "DEVICE=ens3\nBOOTPROTO=dhcp\nDEFROUTE=yes\n")
            .With("etc/sysconfig/network-scripts/ifcfg-ens4", "DEVICE=ens4\nBOOTPROTO=dhcp\nDEFROUTE=yes\n");
        var plan = PersistAndPlan(PersistBackend.Ifcfg, dualStack);
        if (dualStack)
        {
            // Under initscripts the kernel takes router advertisements; BootRoute's apply at boot removes the
            // secondary's default (and turns accept_ra_defrtr off), which the files cannot do.
            _lab.Ip("-6", "route", "del", "default", "dev", "ens4", "proto", "ra");
        }

        foreach (var nic in new[] { "ens3", "ens4" })
        {
            // ifup-routes: every non-comment line of route-<if> to `ip route add`, of rule-<if> to `ip rule add`,
            // and of route6-<if> and rule6-<if> to `ip -6 route add` and `ip -6 rule add`.
            foreach (var (file, verb) in new[] { ($"route-{nic}", "ip route add"), ($"rule-{nic}", "ip rule add"),
                         ($"route6-{nic}", "ip -6 route add"), ($"rule6-{nic}", "ip -6 rule add") })
            {
                foreach (var line in (_root.Read($"etc/sysconfig/network-scripts/{file}") ?? "").Split('\n')
                             .Where(line => line.Length > 0 && !line.StartsWith('#')))
                {
                    Shell($"{verb} {line}");
                }
            }
        }

        Assert.Empty(Remaining(plan, Kernel()));
    }

    [Fact]
    public void The_ifcfg_file_sourced_by_the_shell_says_defroute_no_for_the_secondary_only()
    {
        _root.With("etc/sysconfig/network-scripts/ifcfg-ens3", "DEVICE=ens3\nBOOTPROTO=dhcp\nDEFROUTE=yes\n")
            .With("etc/sysconfig/network-scripts/ifcfg-ens4", "DEVICE=ens4\nBOOTPROTO=dhcp\nDEFROUTE=yes");
        PersistAndPlan(PersistBackend.Ifcfg);

        foreach (var (nic, expected) in new[] { ("ens3", "yes"), ("ens4", "no") })
        {
            string file = Path.Join(_root.Path, $"etc/sysconfig/network-scripts/ifcfg-{nic}");
            var run = StackTools.Run("dash", ["-c", ". \"$1\" && printf '%s %s' \"$DEVICE\" \"$DEFROUTE\"", "dash", file]);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal($"{nic} {expected}", run.Stdout);
            Assert.Equal(nic, ShellVariables.Parse(File.ReadAllText(file))["DEVICE"]);
        }
    }
}
