using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// The installed DHCP hooks, run by sh the way their clients run them (dhclient-script and
/// dhcpcd-run-hooks source theirs; NetworkManager and networkd-dispatcher execute theirs), with
/// /etc/default/bootroute pointing at a stand-in agent that records its arguments. Each test runs in
/// a private mount namespace (unshare -m) whose /etc/default is a scratch directory, so the
/// machine's /etc is never touched. The lab tests run the real agent through the same hooks.
/// </summary>
public sealed class HookScriptTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("bootroute-hooks-").FullName;

    private string Calls => Path.Combine(root, "calls");
    private string Release => Path.Combine(root, "release");

    public static TheoryData<string, string, string> LeaseEvents => new()
    {
        // hook (as installed), how its client runs it, the reason the agent must be told
        { "etc/dhcp/dhclient-exit-hooks.d/zz-bootroute", "reason=BOUND interface=ens4; . {hook}", "BOUND" },
        { "etc/dhcp/dhclient-exit-hooks.d/zz-bootroute", "reason=RENEW interface=ens4; . {hook}", "RENEW" },
        { "etc/dhcp/dhclient-exit-hooks.d/zz-bootroute", "reason=BOUND6 interface=ens4; . {hook}", "BOUND6" },
        // RHEL's dhclient-script: sources each executable dhclient.d/NAME.sh, then calls NAME_config.
        { "etc/dhcp/dhclient.d/bootroute.sh", "reason=REBIND interface=ens4; [ -x {hook} ] && . {hook} && bootroute_config", "REBIND" },
        { "usr/lib/dhcpcd/dhcpcd-hooks/90-bootroute", "reason=REBOOT interface=ens4; . {hook}", "REBOOT" },
        { "etc/NetworkManager/dispatcher.d/90-bootroute", "{hook} ens4 dhcp4-change", "dhcp4-change" },
        { "etc/NetworkManager/dispatcher.d/90-bootroute", "{hook} ens4 dhcp6-change", "dhcp6-change" },
        { "etc/networkd-dispatcher/routable.d/90-bootroute", "IFACE=ens4 STATE=routable {hook}", "routable" },
    };

    public static TheoryData<string, string> OtherEvents => new()
    {
        { "etc/dhcp/dhclient-exit-hooks.d/zz-bootroute", "reason=EXPIRE interface=ens4; . {hook}" },
        { "etc/dhcp/dhclient-exit-hooks.d/zz-bootroute", "reason=PREINIT interface=ens4; . {hook}" },
        { "etc/dhcp/dhclient-exit-hooks.d/zz-bootroute", "reason=EXPIRE6 interface=ens4; . {hook}" },
        { "etc/dhcp/dhclient.d/bootroute.sh", "reason=EXPIRE interface=ens4; . {hook} && bootroute_restore" },
        { "usr/lib/dhcpcd/dhcpcd-hooks/90-bootroute", "reason=BOUND6 interface=ens4; . {hook}" },
        { "etc/NetworkManager/dispatcher.d/90-bootroute", "{hook} ens4 down" },
        { "etc/NetworkManager/dispatcher.d/90-bootroute", "{hook} lo up" },
        { "etc/networkd-dispatcher/routable.d/90-bootroute", "IFACE= {hook}" },
    };

    [Theory]
    [MemberData(nameof(LeaseEvents))]
    public void LeaseEvent_StartsTheAgentInTheBackground_WithInterfaceAndReason(string hook, string invocation, string reason)
    {
        Prepare(hooksOn: true);
        // The stand-in agent blocks until the test releases it: the hook must have returned by then.
        var run = RunHook(hook, invocation + "; echo hook-returned");
        Assert.True(run.Succeeded && run.Stdout.Contains("hook-returned", StringComparison.Ordinal), run.ToString());
        Assert.False(File.Exists(Calls), "the agent finished before the hook returned: the hook waited for it");

        File.WriteAllText(Release, "");
        string calls = WaitForCalls();
        Assert.Equal($"apply --interface ens4 --reason {reason} --config /etc/bootroute/lab.yaml\n", calls);
    }

    [Theory]
    [MemberData(nameof(OtherEvents))]
    public void OtherEvents_DoNotStartTheAgent(string hook, string invocation)
    {
        Prepare(hooksOn: true);
        File.WriteAllText(Release, "");
        var run = RunHook(hook, invocation, untilEverythingItStartedExits: true);
        Assert.True(run.Succeeded, run.ToString());
        Assert.False(File.Exists(Calls), $"the agent was started: {(File.Exists(Calls) ? File.ReadAllText(Calls) : "")}");
    }

    [Fact]
    public void HooksOff_InEtcDefault_StartsNothing()
    {
        Prepare(hooksOn: false);
        File.WriteAllText(Release, "");
        var run = RunHook("etc/dhcp/dhclient-exit-hooks.d/zz-bootroute", "reason=BOUND interface=ens4; . {hook}", untilEverythingItStartedExits: true);
        Assert.True(run.Succeeded, run.ToString());
        Assert.False(File.Exists(Calls), $"the agent was started: {(File.Exists(Calls) ? File.ReadAllText(Calls) : "")}");
    }

    /// <summary>
    /// The witness for the two tests above: waiting until everything a hook started has exited does
    /// see an agent the hook starts in the background. Were the hook ever to close inherited
    /// descriptors or start the agent outside its process tree, this fails, and the "starts nothing"
    /// tests above could no longer fail.
    /// </summary>
    [Theory]
    [MemberData(nameof(LeaseEvents))]
    public void WaitingForEverythingAHookStarted_SeesTheAgentItStarts(string hook, string invocation, string reason)
    {
        Prepare(hooksOn: true);
        File.WriteAllText(Release, "");
        var run = RunHook(hook, invocation, untilEverythingItStartedExits: true);
        Assert.True(run.Succeeded, run.ToString());
        Assert.True(File.Exists(Calls), "the hook's background agent had not run when the wait ended");
        Assert.Equal($"apply --interface ens4 --reason {reason} --config /etc/bootroute/lab.yaml\n", File.ReadAllText(Calls));
    }

    [Fact]
    public void SourcedHook_NeitherExitsNorLeavesVariablesInTheClientsScript()
    {
        Prepare(hooksOn: true);
        File.WriteAllText(Release, "");
        var run = RunHook("etc/dhcp/dhclient-exit-hooks.d/zz-bootroute",
            "reason=BOUND interface=ens4; . {hook}; echo \"still running, BOOTROUTE_HOOKS=${BOOTROUTE_HOOKS-unset} BOOTROUTE_ARGS=${BOOTROUTE_ARGS-unset}\"");
        Assert.True(run.Succeeded, run.ToString());
        Assert.Contains("still running, BOOTROUTE_HOOKS=unset BOOTROUTE_ARGS=unset", run.Stdout, StringComparison.Ordinal);
        WaitForCalls();
    }

    /// <summary>Installs into the scratch root and writes the stand-in agent and /etc/default/bootroute.</summary>
    private void Prepare(bool hooksOn)
    {
        var install = ProcessRunner.Run(RepoPaths.AgentBinary(), ["install", "--root", root], TimeSpan.FromSeconds(60));
        Assert.True(install.Succeeded, install.ToString());
        string agent = Path.Combine(root, "fake-agent");
        File.WriteAllText(agent, $"""
            #!/bin/sh
            # Waits (bounded) for the test's go-ahead, then records its arguments.
            i=0
            while [ ! -e {Release} ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
            echo "$*" >> {Calls}.tmp && mv {Calls}.tmp {Calls}
            """);
        File.SetUnixFileMode(agent, InstalledExecutable);
        string defaults = File.ReadAllText(Path.Combine(root, "etc/default/bootroute"))
            .Replace("BOOTROUTE_BIN=/usr/local/sbin/bootroute", $"BOOTROUTE_BIN={agent}", StringComparison.Ordinal)
            .Replace("BOOTROUTE_ARGS=\n", "BOOTROUTE_ARGS=\"--config /etc/bootroute/lab.yaml\"\n", StringComparison.Ordinal)
            .Replace("BOOTROUTE_HOOK_LOG=\n", $"BOOTROUTE_HOOK_LOG={root}/hook.log\n", StringComparison.Ordinal)
            .Replace("BOOTROUTE_HOOKS=yes", hooksOn ? "BOOTROUTE_HOOKS=yes" : "BOOTROUTE_HOOKS=no", StringComparison.Ordinal);
        Assert.Contains($"BOOTROUTE_BIN={agent}", defaults, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(root, "etc/default/bootroute"), defaults);
    }

    private const UnixFileMode InstalledExecutable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>
    /// sh -c INVOCATION in a private mount namespace whose /etc/default is the scratch root's. With
    /// <paramref name="untilEverythingItStartedExits"/>, it returns only when every process the
    /// invocation started has exited too: the invocation runs with fd 9 on a pipe, which the hook's
    /// background processes inherit (it redirects only 0, 1 and 2), and the pipe's reader sees its end
    /// only when the last of them is gone. So "nothing was started" is checked after an event, not
    /// after a guessed delay.
    /// </summary>
    private ProcessResult RunHook(string hook, string invocation, bool untilEverythingItStartedExits = false)
    {
        Assert.True(Environment.IsPrivilegedProcess, "hook tests need root (unshare -m to overlay /etc/default)");
        string command = invocation.Replace("{hook}", Path.Combine(root, hook), StringComparison.Ordinal);
        if (untilEverythingItStartedExits)
        {
            string status = Path.Combine(root, "hook-status");
            command = $"{{ ( {command} ) 9>&1; echo $? >{status}; }} | cat; exit $(cat {status})";
        }
        string script = $"mount --bind {root}/etc/default /etc/default && {{ {command}; }}";
        var r = ProcessRunner.Run("unshare", ["-m", "--propagation", "private", "sh", "-c", script], TimeSpan.FromSeconds(30));
        output.WriteLine(r.ToString());
        return r;
    }

    private string WaitForCalls()
    {
        for (int i = 0; i < 100 && !File.Exists(Calls); i++) Thread.Sleep(100);
        Assert.True(File.Exists(Calls), $"the agent was never started; hook log:\n{(File.Exists(Path.Combine(root, "hook.log")) ? File.ReadAllText(Path.Combine(root, "hook.log")) : "(none)")}");
        return File.ReadAllText(Calls);
    }

    public void Dispose()
    {
        // The stand-in may still be waiting for its go-ahead (bounded at 10 s); release it first.
        try { File.WriteAllText(Release, ""); } catch (IOException) { }
        Thread.Sleep(200);
        try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
