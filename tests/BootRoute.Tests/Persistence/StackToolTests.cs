using BootRoute.Model;
using BootRoute.Persistence.Detection;
using BootRoute.Persistence;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>
/// BootRoute's files checked by the stacks' own parsers: netplan's generator, ifupdown's ifquery and
/// ifup (dry run), NetworkManager's nmcli --offline, and dash sourcing the dhclient hook the way
/// dhclient-script does. Each image tree is persisted by the real <see cref="Persister"/> first.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StackToolTests : IDisposable
{
    private readonly ScratchRoot _root = new();

    public void Dispose() => _root.Dispose();

    private void Persist(PersistBackend backend = PersistBackend.Auto)
    {
        var host = PersistenceSamples.Host();
        _root.Persist(PersistenceSamples.Plan(host), host.Snapshot, backend);
    }

    internal const string CloudInitNetplan = """
        network:
            version: 2
            ethernets:
                ens3:
                    dhcp4: true
                    match:
                        macaddress: fa:16:3e:00:00:02
                    set-name: ens3
                ens4:
                    dhcp4: true
                    dhcp6: true
                    match:
                        macaddress: fa:16:3e:00:00:03
                    set-name: ens4

        """;

    [Fact]
    public void Netplan_generate_turns_the_file_into_networkd_rules_tables_and_no_gateway_for_ens4()
    {
        _root.With("etc/netplan/50-cloud-init.yaml", CloudInitNetplan, PersistedFile.Private).EmptyDirectory("etc/systemd/network");
        Persist();

        var run = StackTools.Run(StackTools.NetplanGenerate, ["--root-dir", _root.Path]);

        Assert.True(run.ExitCode == 0, $"netplan generate refused the tree:\n{run}");
        Assert.DoesNotContain("too open", run.Stderr, StringComparison.Ordinal);
        var ens4 = IniFile.Parse(_root.Read("run/systemd/network/10-netplan-ens4.network") ?? "");
        Assert.Equal(["100.64.2.10"], ens4.Values("RoutingPolicyRule", "From"));
        Assert.Equal(["102"], ens4.Values("RoutingPolicyRule", "Priority"));
        Assert.Equal(["102", "102", "102"], ens4.Values("Route", "Table"));
        Assert.Equal(["100.64.2.0/24", "0.0.0.0/0", "169.254.169.254/32"], ens4.Values("Route", "Destination"));
        Assert.Equal(["100.64.2.10"], ens4.Values("Route", "PreferredSource"));
        Assert.Equal("false", ens4.Last("DHCP", "UseRoutes"));
        // The drop-in that keeps option 121 asked for is named after the very file netplan generated.
        var dropIn = IniFile.Parse(_root.Read("etc/systemd/network/10-netplan-ens4.network.d/90-bootroute.conf") ?? "");
        Assert.Equal("121", dropIn.Last("DHCPv4", "RequestOptions"));
        var ens3 = IniFile.Parse(_root.Read("run/systemd/network/10-netplan-ens3.network") ?? "");
        Assert.Equal(["101"], ens3.Values("RoutingPolicyRule", "Table"));
        Assert.Null(ens3.Last("DHCP", "UseRoutes"));
        Assert.Null(_root.Read("etc/systemd/network/10-netplan-ens3.network.d/90-bootroute.conf"));
    }

    [Fact]
    public void Netplan_for_networkmanager_generates_profiles_nmcli_reads_with_never_default_and_the_table()
    {
        _root.With("etc/netplan/50-cloud-init.yaml", CloudInitNetplan.Replace("    version: 2\n", "    version: 2\n    renderer: NetworkManager\n", StringComparison.Ordinal),
            PersistedFile.Private);
        Persist();

        var run = StackTools.Run(StackTools.NetplanGenerate, ["--root-dir", _root.Path]);

        Assert.True(run.ExitCode == 0, $"netplan generate refused the tree:\n{run}");
        string profile = _root.Read("run/NetworkManager/system-connections/netplan-ens4.nmconnection")
            ?? throw new Xunit.Sdk.XunitException($"netplan wrote no NetworkManager profile for ens4:\n{run}");
        var read = StackTools.Run(StackTools.Nmcli, ["--offline", "connection", "modify", "connection.autoconnect", "yes"], profile);
        Assert.True(read.ExitCode == 0, $"nmcli refused netplan's profile:\n{read}");
        var ipv4 = IniFile.Parse(read.Stdout);
        Assert.Equal("true", ipv4.Last("ipv4", "never-default"));
        // netplan 0.106 (Debian 12) renders no routing-policy for NetworkManager; the table's routes it does.
        var routes = ipv4.Keys("ipv4").Where(key => key.StartsWith("route", StringComparison.Ordinal) && key.EndsWith("_options", StringComparison.Ordinal))
            .Select(key => ipv4.Last("ipv4", key)).ToList();
        Assert.Equal(3, routes.Count(options => options!.Contains("table=102", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ifquery_and_a_dry_run_ifup_read_bootroutes_stanza_after_cloud_inits()
    {
        _root.Executable("sbin/ifup").Executable("sbin/dhclient")
            .With("etc/dhcp/dhclient-enter-hooks.d/debug", "RUN=no\n")
            .With("etc/network/interfaces", "source-directory /etc/network/interfaces.d\n")
            .With("etc/network/interfaces.d/50-cloud-init", "auto ens3\niface ens3 inet dhcp\nauto ens4\niface ens4 inet dhcp\n");
        Persist();
        // The image's interfaces file names /etc/network/interfaces.d; ifupdown has no root option, so
        // the same include is spelled with the tree's path.
        string interfaces = Path.Join(_root.Path, "interfaces.test");
        File.WriteAllText(interfaces, $"source-directory {_root.Path}/etc/network/interfaces.d\n");

        var query = StackTools.Run(StackTools.Ifquery, ["-i", interfaces, "ens4"]);
        var list = StackTools.Run(StackTools.Ifquery, ["-i", interfaces, "--list"]);
        var dryRun = StackTools.IfupDryRun(interfaces, "ens4");

        Assert.True(query.ExitCode == 0, $"ifquery refused the files:\n{query}");
        Assert.Contains("up: ip route replace 100.64.2.0/24 dev ens4 table 102 proto 200 scope link src 100.64.2.10 || true", query.Stdout, StringComparison.Ordinal);
        Assert.Contains("down: ip rule del priority 102 from 100.64.2.10 lookup 102 proto 200 || true", query.Stdout, StringComparison.Ordinal);
        Assert.Equal(["lo", "ens3", "ens4"], list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(dryRun.ExitCode == 0, $"ifup -n failed:\n{dryRun}");
        string commands = dryRun.Stdout + dryRun.Stderr;
        int dhclient = commands.IndexOf("dhclient -4", StringComparison.Ordinal);
        int table = commands.IndexOf("ip route replace default via 100.64.2.1 dev ens4 table 102 proto 200", StringComparison.Ordinal);
        Assert.True(dhclient >= 0 && table > dhclient, $"ifup must run dhclient (the image's stanza) before BootRoute's post-up lines:\n{commands}");
    }

    [Theory]
    [InlineData("ens4", "100.64.2.1", "32 169 254 169 254 100 64 2 1 0 100 64 2 1", "", "32 169 254 169 254 100 64 2 1")]
    [InlineData("ens4", "100.64.2.1 100.64.2.2", "", "", "")]
    [InlineData("ens4", "100.64.2.1", "0 100 64 2 1 24 10 9 8 100 64 2 254", "", "24 10 9 8 100 64 2 254")]
    [InlineData("ens4", "100.64.2.1", "0 100 64 2", "", "")]
    [InlineData("ens4", "100.64.2.1", "x y z w v", "", "")]
    [InlineData("ens3", "100.64.1.1", "0 100 64 1 1", "100.64.1.1", "0 100 64 1 1")]
    public void The_dhclient_hook_sourced_by_dash_drops_the_secondarys_default_and_nothing_else(
        string nic, string routers, string classless, string expectedRouters, string expectedClassless)
    {
        _root.Executable("sbin/dhclient");
        Persist(PersistBackend.Ifupdown);
        string hook = Path.Join(_root.Path, Paths.Stacks.DhclientEnterHook);

        // As dhclient-script does it: variables set, then `. hook` from inside a function.
        var run = StackTools.Run("dash", ["-c", """
            run_hook() { . "$1"; }
            run_hook "$HOOK"
            printf 'routers=%s\n' "$new_routers"
            printf 'classless=%s\n' "$new_rfc3442_classless_static_routes"
            printf 'left=%s\n' "${bootroute_kept-unset}"
            """], stdin: null, environment: new Dictionary<string, string>
        {
            ["HOOK"] = hook, ["interface"] = nic, ["new_routers"] = routers, ["new_rfc3442_classless_static_routes"] = classless,
        });

        Assert.True(run.ExitCode == 0, $"dash failed on the hook:\n{run}");
        Assert.Equal($"routers={expectedRouters}\nclassless={expectedClassless}\nleft=unset\n", run.Stdout);
    }

    [Fact]
    public void Nmcli_offline_reads_the_cloud_init_keyfile_with_bootroutes_block_and_the_block_wins()
    {
        _root.Executable("usr/sbin/NetworkManager").Enabled("NetworkManager.service")
            .With("etc/NetworkManager/system-connections/cloud-init-ens4.nmconnection",
                "[connection]\nid=cloud-init ens4\nuuid=8c1d6c52-4d5e-4a1c-9d7b-1c2a4d6e8f10\ntype=ethernet\ninterface-name=ens4\n\n[ipv4]\nmethod=auto\nnever-default=false\nrouting-rule1=priority 500 from 10.9.9.9 table 77\n\n[ipv6]\nmethod=auto\n",
                PersistedFile.Private);
        Persist();

        string written = _root.Read("etc/NetworkManager/system-connections/cloud-init-ens4.nmconnection")!;
        var read = StackTools.Run(StackTools.Nmcli, ["--offline", "connection", "modify", "connection.autoconnect", "yes"], written);

        Assert.True(read.ExitCode == 0, $"nmcli refused the profile:\n{read}");
        var profile = IniFile.Parse(read.Stdout);
        Assert.Equal("true", profile.Last("ipv4", "never-default"));
        Assert.Equal("priority 500 from 10.9.9.9 table 77", profile.Last("ipv4", "routing-rule1"));
        Assert.Equal("priority 102 from 100.64.2.10 table 102", profile.Last("ipv4", "routing-rule2"));
    }

    [Fact]
    public void Nmcli_offline_reads_bootroutes_own_profile_as_it_would_have_written_it()
    {
        _root.Executable("usr/sbin/NetworkManager");
        Persist(PersistBackend.NetworkManager);
        string ours = _root.Read("etc/NetworkManager/system-connections/bootroute-ens3.nmconnection")!;

        var read = StackTools.Run(StackTools.Nmcli, ["--offline", "connection", "modify", "connection.autoconnect", "yes"], ours);
        var made = StackTools.Run(StackTools.Nmcli, ["--offline", "connection", "add", "type", "ethernet", "con-name", "bootroute ens3", "ifname", "ens3",
            "ipv4.never-default", "no", "ipv4.routing-rules", "priority 100 from 0.0.0.0/0 suppress_prefixlength 0 table 254, priority 101 from 100.64.1.10 table 101"]);

        Assert.True(read.ExitCode == 0, $"nmcli refused BootRoute's profile:\n{read}");
        Assert.True(made.ExitCode == 0, $"nmcli could not make the same profile:\n{made}");
        var theirs = IniFile.Parse(made.Stdout);
        var mine = IniFile.Parse(read.Stdout);
        foreach (var key in theirs.Keys("ipv4"))
        {
            Assert.Equal(theirs.Last("ipv4", key), mine.Last("ipv4", key));
        }
        Assert.Equal(theirs.Keys("ipv4").Order(), mine.Keys("ipv4").Order());
        Assert.Equal(NetworkManagerStableUuid("ens3"), mine.Last("connection", "uuid"));
    }

    private static string NetworkManagerStableUuid(string nic) => BootRoute.Persistence.Rendering.NetworkManagerRenderer.StableUuid(nic);
}
