using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>One line of `lab.sh probe`: e.g. "icmp ens4 203.0.113.20 fail".</summary>
public sealed record ProbeResult(string Kind, string Nic, string FloatingIp, bool Ok)
{
    public override string ToString() => $"{Kind} {Nic} {FloatingIp} {(Ok ? "ok" : "fail")}";
}

/// <summary>
/// A running lab (see lab.sh): brought up in the constructor, always torn down in Dispose.
/// Needs root. Each instance has its own short random id, so namespaces never collide.
/// </summary>
public sealed partial class LabInstance : IDisposable
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan DownTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AgentTimeout = TimeSpan.FromSeconds(120);

    private readonly ITestOutputHelper? _output;
    private readonly string _script;
    private bool _disposed;

    public string Id { get; }

    /// <summary>KEY=VALUE pairs from `lab.sh info` (LAB_DIR, NS_INST, CONFIG, NIC1_NAME, NIC1_FLOATING_IP, …).</summary>
    public IReadOnlyDictionary<string, string> Info { get; }

    public string InstanceNamespace => Info["NS_INST"];
    public string LabDir => Info["LAB_DIR"];
    public string ConfigPath => Info["CONFIG"];
    public IReadOnlyList<string> Nics => Info["NICS"].Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <param name="output">Where lab and agent output is logged (the test's output).</param>
    /// <param name="nics">NIC names for LAB_NICS; default "ens3 ens4".</param>
    /// <param name="scenario">More lab.sh knobs (LAB_CLIENTS, LAB_OPTION121, LAB_LATE, LAB_NOLEASE, LAB_ROGUE, …).</param>
    public LabInstance(ITestOutputHelper? output = null, string? nics = null,
        IReadOnlyDictionary<string, string>? scenario = null)
    {
        _output = output;
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Fail("The BootRoute lab needs root (network namespaces, iptables, dhclient). Run the lab tests as root.");
        }
        _script = RepoPaths.LabScript();
        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

        // Every knob is set, empty unless given, so a LAB_* variable in the runner's environment
        // cannot leak into a test's lab.
        var env = new Dictionary<string, string>
        {
            ["LAB_CLIENTS"] = "", ["LAB_OPTION121"] = "", ["LAB_LATE"] = "", ["LAB_NOLEASE"] = "", ["LAB_ROGUE"] = "", ["LAB_NOHAIRPIN"] = "",
            ["LAB_SAMENET"] = "", ["LAB_IPV6"] = "", ["LAB_IPV6_NOROUTER"] = "",
        };
        if (nics is not null) env["LAB_NICS"] = nics;
        foreach (var (key, value) in scenario ?? new Dictionary<string, string>())
        {
            Assert.True(key.StartsWith("LAB_", StringComparison.Ordinal), $"not a lab knob: {key}");
            env[key] = value;
        }
        Log($"lab {Id}: up");
        var up = Script(UpTimeout, env, "up", Id);
        if (!up.Succeeded)
        {
            Log(up.ToString());
            Down(); // lab.sh tears down after itself, but a killed script could not.
            Assert.Fail($"lab.sh up {Id} failed:\n{up}");
        }
        Info = ParseInfo(up.Stdout);
        if (!Info.ContainsKey("NS_INST"))
        {
            Down();
            Assert.Fail($"lab.sh up {Id} printed no info:\n{up}");
        }
    }

    public static Dictionary<string, string> ParseInfo(string text)
    {
        var info = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) info[line[..eq]] = line[(eq + 1)..];
        }
        return info;
    }

    /// <summary>Floating IP of the NIC with this name.</summary>
    public string FloatingIpOf(string nic) => Info[$"NIC{NicIndex(nic)}_FLOATING_IP"];

    /// <summary>Fixed (DHCP) address of the NIC with this name.</summary>
    public string AddressOf(string nic) => Info[$"NIC{NicIndex(nic)}_ADDRESS"];

    public string GatewayOf(string nic) => Info[$"NIC{NicIndex(nic)}_GATEWAY"];

    private int NicIndex(string nic)
    {
        var i = Nics.ToList().IndexOf(nic);
        Assert.True(i >= 0, $"lab {Id} has no NIC named {nic} (NICs: {string.Join(' ', Nics)})");
        return i + 1;
    }

    /// <summary>Run a command inside the instance namespace.</summary>
    public ProcessResult Exec(params string[] command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var r = ProcessRunner.Run("ip", ["netns", "exec", InstanceNamespace, .. command], CommandTimeout);
        Log(r.ToString());
        return r;
    }

    /// <summary>
    /// Run a command in NIC's provider namespace (its router: tenant port "ten", uplink "uplink", NAT)
    /// and fail the test unless it exits 0: how tests break one provider's path.
    /// </summary>
    public string ProviderExecOk(string nic, params string[] command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var r = ProcessRunner.Run("ip", ["netns", "exec", Info[$"NIC{NicIndex(nic)}_PROVIDER_NS"], .. command], CommandTimeout);
        Log(r.ToString());
        Assert.True(r.Succeeded, $"command failed in {nic}'s provider:\n{r}");
        return r.Stdout;
    }

    /// <summary>The instance's IPv4 rules and every table but local (which the kernel rewrites on its own).</summary>
    public string RoutingDump() =>
        ExecOk("ip", "-4", "rule", "show") + "==\n" +
        string.Join('\n', ExecOk("ip", "-4", "route", "show", "table", "all").Split('\n').Where(line => !line.Contains("table local", StringComparison.Ordinal)));

    /// <summary>The remote client's "what is my IP" service, for verify.echo_url.</summary>
    public string EchoUrl => Info["ECHO_URL"];

    /// <summary>Run a command inside the instance namespace and fail the test unless it exits 0.</summary>
    public string ExecOk(params string[] command)
    {
        var r = Exec(command);
        Assert.True(r.Succeeded, $"command failed in {InstanceNamespace}:\n{r}");
        return r.Stdout;
    }

    /// <summary>ICMP and TCP/22 from the remote client to every floating IP.</summary>
    public IReadOnlyList<ProbeResult> Probe()
    {
        var r = Script(ProbeTimeout, null, "probe", Id);
        Log(r.ToString());
        Assert.True(r.Succeeded, $"lab.sh probe {Id} failed:\n{r}");
        var results = new List<ProbeResult>();
        foreach (var line in r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = ProbeLine().Match(line);
            Assert.True(m.Success, $"unexpected probe line '{line}'");
            results.Add(new ProbeResult(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value == "ok"));
        }
        Assert.Equal(2 * Nics.Count, results.Count);
        return results;
    }

    /// <summary>`ip netns exec &lt;inst&gt; &lt;BOOTROUTE_BIN&gt; args…`; fails the test if the binary is missing.</summary>
    public ProcessResult RunAgent(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var bin = RepoPaths.AgentBinary();
        var r = ProcessRunner.Run("ip", ["netns", "exec", InstanceNamespace, bin, .. args], AgentTimeout);
        Log(r.ToString());
        return r;
    }

    /// <summary>RunAgent with extra environment variables for the agent (e.g. BOOTROUTE_INJECT_FAULT).</summary>
    public ProcessResult RunAgentWith(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunBinaryWith(RepoPaths.AgentBinary(), environment, args);

    /// <summary>Another build of the agent (the shipped one, see <see cref="RepoPaths.ReleaseBinary"/>) in this instance.</summary>
    public ProcessResult RunBinaryWith(string binary, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var r = ProcessRunner.Run("ip", ["netns", "exec", InstanceNamespace, binary, .. args], AgentTimeout, environment);
        Log(r.ToString());
        return r;
    }

    /// <summary>
    /// Starts the agent without waiting, for kill -9 and concurrency tests. `ip netns exec` execs the
    /// agent in place, so the process is the agent itself.
    /// </summary>
    public System.Diagnostics.Process StartAgent(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["netns", "exec", InstanceNamespace, RepoPaths.AgentBinary(), .. args])
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return System.Diagnostics.Process.Start(start)!;
    }

    /// <summary>
    /// `lab.sh renew`: NIC's provider now hands out &lt;net&gt;.host and the NIC's dhclient releases and
    /// leases again (dhclient NICs only). Fails the test unless the NIC ends up with the new address.
    /// </summary>
    public void Renew(string nic, int host)
    {
        var r = Script(CommandTimeout, null, "renew", Id, nic, host.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Log(r.ToString());
        Assert.True(r.Succeeded, $"lab.sh renew {Id} {nic} {host} failed:\n{r}");
    }

    /// <summary>
    /// `lab.sh renumber`: NIC's provider now hands out &lt;net&gt;.host (hour-long leases) and NATs the
    /// NIC's floating IP there; the NIC's own DHCP client learns it at its next renewal (LAB_T1).
    /// </summary>
    public void Renumber(string nic, int host)
    {
        var r = Script(CommandTimeout, null, "renumber", Id, nic, host.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Log(r.ToString());
        Assert.True(r.Succeeded, $"lab.sh renumber {Id} {nic} {host} failed:\n{r}");
    }

    /// <summary>
    /// `lab.sh hooks`: `bootroute install` into LAB_DIR/install-root with the agent under test, then its DHCP
    /// hooks and /etc/default/bootroute into the instance's overlays (hook runs log to HookLog).
    /// </summary>
    public void InstallHooks()
    {
        var r = Script(CommandTimeout, null, "hooks", Id, RepoPaths.AgentBinary());
        Log(r.ToString());
        Assert.True(r.Succeeded, $"lab.sh hooks {Id} failed:\n{r}");
    }

    /// <summary>Where hook-started agent runs write (BOOTROUTE_HOOK_LOG in the overlay's /etc/default/bootroute).</summary>
    public string HookLog => Path.Combine(LabDir, "hook.log");

    /// <summary>`lab.sh reboot`: the instance's network flushed, its DHCP clients started again.</summary>
    public void Reboot()
    {
        var r = Script(UpTimeout, null, "reboot", Id);
        Log(r.ToString());
        Assert.True(r.Succeeded, $"lab.sh reboot {Id} failed:\n{r}");
    }

    /// <summary>
    /// `lab.sh restart`: the NIC's DHCP client is stopped without a release, the NIC's addresses are
    /// flushed, and the client runs again (with its hooks from the /etc overlay; dhcpcd with
    /// <paramref name="dhcpcdConf"/> when given). Fails the test unless the NIC gets its address back.
    /// </summary>
    public void Restart(string nic, string? dhcpcdConf = null)
    {
        var r = Script(CommandTimeout, null, dhcpcdConf is null ? ["restart", Id, nic] : ["restart", Id, nic, dhcpcdConf]);
        Log(r.ToString());
        Assert.True(r.Succeeded, $"lab.sh restart {Id} {nic} failed:\n{r}");
    }

    /// <summary>
    /// `lab.sh networkd start|restart|reconfigure|stop`: the real systemd-networkd takes the NICs over from
    /// their DHCP clients, restarts, re-reads its files and reconfigures every NIC (which drops the rules
    /// and routes no .network file names, as `netplan apply` does), or stops.
    /// Its /run is <c>LabDir/networkd-run</c>; its .network files go in the overlay's systemd/network.
    /// </summary>
    public void Networkd(string action)
    {
        var r = Script(CommandTimeout, null, "networkd", Id, action);
        Log(r.ToString());
        Assert.True(r.Succeeded, $"lab.sh networkd {Id} {action} failed:\n{r}");
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Down();
    }

    private void Down()
    {
        var r = Script(DownTimeout, null, "down", Id);
        Log($"lab {Id}: down (exit {r.ExitCode}){(r.Succeeded ? "" : "\n" + r)}");
    }

    private ProcessResult Script(TimeSpan timeout, IReadOnlyDictionary<string, string>? env, params string[] args) =>
        ProcessRunner.Run("bash", [_script, .. args], timeout, env);

    private void Log(string message)
    {
        try { _output?.WriteLine(message); }
        catch (InvalidOperationException) { } // no test is running (e.g. disposal after the test ended)
    }

    [GeneratedRegex(@"^(icmp|tcp) (\S+) (\S+) (ok|fail)$", RegexOptions.CultureInvariant)]
    private static partial Regex ProbeLine();
}
