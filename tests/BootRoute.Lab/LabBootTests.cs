using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// Boot integration end to end: the DHCP hooks that `bootroute install` places re-apply the routing
/// on their own, after a reboot and after a renumbering, with nobody running the agent by hand.
/// </summary>
public sealed class LabBootTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    [Fact]
    public void SimulatedReboot_ComesBackSymmetric_ThroughTheInstalledHooks()
    {
        RepoPaths.AgentBinary();
        // dhclient on ens3, dhcpcd on ens4: both hooks are exercised in one boot.
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_CLIENTS"] = "dhclient dhcpcd" });
        var before = lab.Probe();
        Assert.Contains(before, probe => probe.Nic == "ens4" && !probe.Ok); // the lab starts broken

        lab.InstallHooks();
        lab.Reboot();

        var probe = WaitFor(() => lab.Probe() is var p && p.All(result => result.Ok) ? p : null);
        Assert.True(probe is not null, $"floating IPs still failing {Settle.TotalSeconds}s after the reboot: {string.Join("; ", lab.Probe())}\nhook log:\n{HookLog(lab)}");
        string rules = lab.ExecOk("ip", "-N", "-4", "rule", "show");
        Assert.Contains("from 100.64.1.10 lookup 101", rules, StringComparison.Ordinal);
        Assert.Contains("from 100.64.2.10 lookup 102", rules, StringComparison.Ordinal);
        // Both clients' hooks started the agent, each for its own interface.
        string log = HookLog(lab);
        Assert.Matches(@"bootroute: ens3: (BOUND|REBOOT); re-applying", log);
        Assert.Matches(@"bootroute: ens4: (BOUND|REBOOT); re-applying", log);
    }

    [Fact]
    public void Renewal_WithANewAddress_ReappliesThroughTheHook()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        lab.InstallHooks();
        var first = lab.RunAgent("apply", "--config", lab.ConfigPath);
        Assert.True(first.ExitCode == 0, $"initial apply failed:\n{first}");

        lab.Renew("ens4", 11);

        string? rules = WaitFor(() => lab.ExecOk("ip", "-N", "-4", "rule", "show") is var r
            && r.Contains("from 100.64.2.11 lookup 102", StringComparison.Ordinal)
            && !r.Contains("from 100.64.2.10 ", StringComparison.Ordinal) ? r : null);
        Assert.True(rules is not null, $"no rule for the new address {Settle.TotalSeconds}s after the renumbering:\n{lab.ExecOk("ip", "-N", "-4", "rule", "show")}\nhook log:\n{HookLog(lab)}");
        string table = lab.ExecOk("ip", "-4", "route", "show", "table", "102");
        Assert.Contains("src 100.64.2.11", table, StringComparison.Ordinal);
        string egress = lab.ExecOk("ip", "-4", "route", "get", "192.0.2.1", "from", "100.64.2.11");
        Assert.Contains("dev ens4", egress, StringComparison.Ordinal);
        Assert.Contains("ens4: BOUND; re-applying", HookLog(lab), StringComparison.Ordinal);
    }

    /// <summary>
    /// Part 3 of the boot test in the lab: ens4's provider renumbers it while its dhclient renews every
    /// 10 s. The renumbering lands right after dhclient wrote its lease file, so the NAK and the new
    /// lease come within 15 s of that write and dhclient does not record the new lease (MIN_LEASE_WRITE)
    /// until its next renewal, half an hour on. The hook's apply, waiting for the configured NICs, must
    /// go by the address dhclient configured within seconds, not give up at discovery.timeout (60 s).
    /// </summary>
    [Fact]
    public void Renumbering_RightAfterDhclientWroteItsLeaseFile_ReappliesWithinSeconds()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output, scenario: new Dictionary<string, string> { ["LAB_T1"] = "ens4:10" });
        File.AppendAllText(lab.ConfigPath, "interfaces:\n  - name: ens3\n    primary: true\n  - name: ens4\n");
        lab.InstallHooks();
        lab.Restart("ens4"); // a client started before the hooks were installed does not see them
        var first = lab.RunAgent("apply", "--config", lab.ConfigPath);
        Assert.True(first.ExitCode == 0, $"initial apply failed:\n{first}");
        string leases = Path.Combine(lab.LabDir, "leases", "dhclient.ens4.leases");
        var written = File.GetLastWriteTimeUtc(leases);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (File.GetLastWriteTimeUtc(leases) == written && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }
        Assert.True(File.GetLastWriteTimeUtc(leases) != written, $"dhclient did not write {leases} within 40 s of renewing every 10 s");

        lab.Renumber("ens4", 20);
        var renumbered = DateTime.UtcNow;

        // The renewal is due within 10 s; the NAK, a new lease and the apply take a few more.
        string? rules = WaitFor(() => lab.ExecOk("ip", "-N", "-4", "rule", "show") is var r
            && r.Contains("from 100.64.2.20 lookup 102", StringComparison.Ordinal)
            && !r.Contains("from 100.64.2.10 ", StringComparison.Ordinal) ? r : null, TimeSpan.FromSeconds(30));
        Assert.True(rules is not null, $"no rule for the new address 30 s after the renumbering:\n{lab.ExecOk("ip", "-N", "-4", "rule", "show")}\n"
            + $"addresses: {lab.ExecOk("ip", "-4", "-o", "addr", "show", "dev", "ens4")}\n{leases}:\n{File.ReadAllText(leases)}\nhook log:\n{HookLog(lab)}");
        output.WriteLine($"ens4's rule on 100.64.2.20 {(DateTime.UtcNow - renumbered).TotalSeconds:0} s after the renumbering");
        Assert.Contains("src 100.64.2.20", lab.ExecOk("ip", "-4", "route", "show", "table", "102"), StringComparison.Ordinal);
        Assert.Contains(lab.Probe(), probe => probe.Nic == "ens4" && probe.Ok);
    }

    [Fact]
    public void TriggerForAnUnmanagedInterface_IsAQuietNoOp()
    {
        RepoPaths.AgentBinary();
        using var lab = new LabInstance(output);
        string before = lab.ExecOk("ip", "-N", "-4", "rule", "show") + lab.ExecOk("ip", "-4", "route", "show", "table", "all");

        var run = lab.RunAgent("apply", "--interface", "lo", "--reason", "BOUND", "--config", lab.ConfigPath);

        Assert.True(run.ExitCode == 0, $"expected exit 0:\n{run}");
        Assert.Equal("", run.Stdout + run.Stderr);
        Assert.Equal(before, lab.ExecOk("ip", "-N", "-4", "rule", "show") + lab.ExecOk("ip", "-4", "route", "show", "table", "all"));

        // The same trigger for a managed NIC applies.
        var managed = lab.RunAgent("apply", "--interface", "ens4", "--reason", "RENEW", "--config", lab.ConfigPath);
        Assert.True(managed.ExitCode == 0, $"trigger for ens4 failed:\n{managed}");
        Assert.Contains("from 100.64.2.10 lookup 102", lab.ExecOk("ip", "-N", "-4", "rule", "show"), StringComparison.Ordinal);
    }

    private static string HookLog(LabInstance lab) => File.Exists(lab.HookLog) ? File.ReadAllText(lab.HookLog) : "(no hook log)";

    /// <summary>Polls every second until <paramref name="probe"/> gives a value, at most <paramref name="settle"/> (else <see cref="Settle"/>).</summary>
    private static T? WaitFor<T>(Func<T?> probe, TimeSpan? settle = null) where T : class
    {
        var deadline = DateTime.UtcNow + (settle ?? Settle);
        while (true)
        {
            if (probe() is { } value) return value;
            if (DateTime.UtcNow >= deadline) return null;
            Thread.Sleep(1000);
        }
    }
}
