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

    private RoutingPlan PersistAndPlan(PersistBackend backend)
    {
        var host = PersistenceSamples.Host();
        var plan = PersistenceSamples.Plan(host);
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

    private static IEnumerable<string> Lines(string ifquery, string option) =>
        ifquery.Split('\n').Where(line => line.StartsWith(option + ": ", StringComparison.Ordinal)).Select(line => line[(option.Length + 2)..]);

    [Fact]
    public void Ifupdown_post_up_lines_recreate_exactly_bootroutes_state_and_pre_down_removes_it()
    {
        _root.Executable("sbin/ifup")
            .With("etc/network/interfaces", "source-directory /etc/network/interfaces.d\n")
            .With("etc/network/interfaces.d/50-cloud-init", "auto ens3\niface ens3 inet dhcp\nauto ens4\niface ens4 inet dhcp\n");
        var plan = PersistAndPlan(PersistBackend.Ifupdown);
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

        Assert.Empty(Remaining(plan, Kernel()));
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
    }

    [Fact]
    public void Initscripts_route_and_rule_lines_given_to_ip_recreate_exactly_bootroutes_state()
    {
        _root.With("etc/sysconfig/network-scripts/ifcfg-ens3", "DEVICE=ens3\nBOOTPROTO=dhcp\nDEFROUTE=yes\n")
            .With("etc/sysconfig/network-scripts/ifcfg-ens4", "DEVICE=ens4\nBOOTPROTO=dhcp\nDEFROUTE=yes\n");
        var plan = PersistAndPlan(PersistBackend.Ifcfg);

        foreach (var nic in new[] { "ens3", "ens4" })
        {
            // ifup-routes: every non-comment line of route-<if> to `ip route add`, of rule-<if> to `ip rule add`.
            foreach (var (file, verb) in new[] { ($"route-{nic}", "ip route add"), ($"rule-{nic}", "ip rule add") })
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
