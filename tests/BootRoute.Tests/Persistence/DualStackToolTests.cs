using BootRoute.Model;
using BootRoute.Persistence;
using BootRoute.Persistence.Detection;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>
/// The dual-stack files checked by the stacks' own parsers, as <see cref="StackToolTests"/> does for
/// IPv4: netplan's generator (for networkd and for NetworkManager), ifquery and a dry-run ifup, and
/// nmcli --offline. Each image tree is persisted by the real <see cref="Persister"/> from the plan of
/// <see cref="PersistenceSamples.DualStackHost"/> (ens3 IPv6's primary, ens4 its secondary).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DualStackToolTests : IDisposable
{
    private readonly ScratchRoot _root = new();

    public void Dispose() => _root.Dispose();

    private void Persist(PersistBackend backend = PersistBackend.Auto) =>
        _root.Persist(PersistenceSamples.DualStackPlan(), PersistenceSamples.DualStackHost().Snapshot, backend);

    private ToolRun Generate()
    {
        var run = StackTools.Run(StackTools.NetplanGenerate, ["--root-dir", _root.Path]);
        Assert.True(run.ExitCode == 0, $"netplan generate refused the tree:\n{run}");
        return run;
    }

    private static IniFile ReadByNmcli(string profile)
    {
        var read = StackTools.Run(StackTools.Nmcli, ["--offline", "connection", "modify", "connection.autoconnect", "yes"], profile);
        Assert.True(read.ExitCode == 0, $"nmcli refused the profile:\n{read}");
        return IniFile.Parse(read.Stdout);
    }

    [Fact]
    public void Netplan_generate_gives_networkd_both_families_and_the_drop_in_refuses_the_secondarys_ra_default()
    {
        _root.With("etc/netplan/50-cloud-init.yaml", StackToolTests.CloudInitNetplan, PersistedFile.Private).EmptyDirectory("etc/systemd/network");
        Persist();

        Generate();

        var ens4 = IniFile.Parse(_root.Read("run/systemd/network/10-netplan-ens4.network") ?? "");
        Assert.Equal(["100.64.2.10", "2001:db8:2::/64"], ens4.Values("RoutingPolicyRule", "From"));
        Assert.Equal(["102", "102"], ens4.Values("RoutingPolicyRule", "Priority"));
        Assert.Equal(["100.64.2.0/24", "0.0.0.0/0", "169.254.169.254/32", "2001:db8:2::/64", "::/0"], ens4.Values("Route", "Destination"));
        Assert.Equal(["100.64.2.1", "100.64.2.1", "fe80::2"], ens4.Values("Route", "Gateway"));
        Assert.Equal(["1024", "1024"], ens4.Values("Route", "Metric"));
        var dropIn = IniFile.Parse(_root.Read("etc/systemd/network/10-netplan-ens4.network.d/90-bootroute.conf") ?? "");
        Assert.Equal("no", dropIn.Last("IPv6AcceptRA", "UseGateway"));
        Assert.Equal("121", dropIn.Last("DHCPv4", "RequestOptions"));
        var ens3 = IniFile.Parse(_root.Read("run/systemd/network/10-netplan-ens3.network") ?? "");
        Assert.Equal(["100.64.1.10", "2001:db8:1::/64"], ens3.Values("RoutingPolicyRule", "From"));
        // The primary keeps its router's default in main: no drop-in of BootRoute's for it.
        Assert.Null(_root.Read("etc/systemd/network/10-netplan-ens3.network.d/90-bootroute.conf"));
    }

    [Theory]
    [InlineData("dhcp6: true", 2)]
    [InlineData("accept-ra: true", 0)]
    public void Netplan_for_networkmanager_gives_the_secondary_ipv6_never_default_and_its_ipv6_table(string ipv6, int tableRoutes)
    {
        string yaml = StackToolTests.CloudInitNetplan
            .Replace("    version: 2\n", "    version: 2\n    renderer: NetworkManager\n", StringComparison.Ordinal)
            .Replace("dhcp6: true", ipv6, StringComparison.Ordinal);
        _root.With("etc/netplan/50-cloud-init.yaml", yaml, PersistedFile.Private);
        Persist();

        var run = Generate();

        string profile = _root.Read("run/NetworkManager/system-connections/netplan-ens4.nmconnection")
            ?? throw new Xunit.Sdk.XunitException($"netplan wrote no NetworkManager profile for ens4:\n{run}");
        var read = ReadByNmcli(profile);
        Assert.Equal("true", read.Last("ipv6", "never-default"));
        // netplan 0.106 hands a definition's IPv6 without dhcp6 to the kernel (method=ignore) and drops
        // its IPv6 routes; NetworkManager then leaves IPv6 alone and BootRoute's apply at boot does it.
        Assert.Equal(tableRoutes == 0 ? "ignore" : "auto", read.Last("ipv6", "method"));
        var tables = read.Keys("ipv6").Where(key => key.StartsWith("route", StringComparison.Ordinal) && key.EndsWith("_options", StringComparison.Ordinal))
            .Select(key => read.Last("ipv6", key)).ToList();
        Assert.Equal(tableRoutes, tables.Count(options => options!.Contains("table=102", StringComparison.Ordinal)));
        var primary = ReadByNmcli(_root.Read("run/NetworkManager/system-connections/netplan-ens3.nmconnection")!);
        Assert.NotEqual("true", primary.Last("ipv6", "never-default"));
    }

    [Fact]
    public void Ifquery_and_a_dry_run_ifup_read_the_ip_6_lines_after_dhclient()
    {
        _root.Executable("sbin/ifup").Executable("sbin/dhclient")
            .With("etc/network/interfaces", "source-directory /etc/network/interfaces.d\n")
            .With("etc/network/interfaces.d/50-cloud-init", "auto ens3\niface ens3 inet dhcp\nauto ens4\niface ens4 inet dhcp\niface ens4 inet6 auto\n");
        Persist();
        string interfaces = Path.Join(_root.Path, "interfaces.test");
        File.WriteAllText(interfaces, $"source-directory {_root.Path}/etc/network/interfaces.d\n");

        var query = StackTools.Run(StackTools.Ifquery, ["-i", interfaces, "ens4"]);
        var dryRun = StackTools.IfupDryRun(interfaces, "ens4");

        Assert.True(query.ExitCode == 0, $"ifquery refused the files:\n{query}");
        Assert.Contains("up: ip -6 route replace default via fe80::2 dev ens4 table 102 proto 200 metric 1024 || true", query.Stdout, StringComparison.Ordinal);
        Assert.Contains("up: echo 0 > /proc/sys/net/ipv6/conf/ens4/accept_ra_defrtr || true", query.Stdout, StringComparison.Ordinal);
        Assert.Contains("down: ip -6 rule del priority 102 from 2001:db8:2::/64 lookup 102 proto 200 || true", query.Stdout, StringComparison.Ordinal);
        Assert.True(dryRun.ExitCode == 0, $"ifup -n failed:\n{dryRun}");
        string commands = dryRun.Stdout + dryRun.Stderr;
        int dhclient = commands.IndexOf("dhclient -4", StringComparison.Ordinal);
        int rule = commands.IndexOf("ip -6 rule add priority 102 from 2001:db8:2::/64 lookup 102 proto 200", StringComparison.Ordinal);
        Assert.True(dhclient >= 0 && rule > dhclient, $"ifup must run the image's stanzas before BootRoute's ip -6 lines:\n{commands}");
    }

    [Fact]
    public void Nmcli_offline_reads_both_blocks_of_the_cloud_init_keyfile()
    {
        _root.Executable("usr/sbin/NetworkManager").Enabled("NetworkManager.service")
            .With("etc/NetworkManager/system-connections/cloud-init-ens4.nmconnection",
                "[connection]\nid=cloud-init ens4\nuuid=8c1d6c52-4d5e-4a1c-9d7b-1c2a4d6e8f10\ntype=ethernet\ninterface-name=ens4\n\n[ipv4]\nmethod=auto\n\n[ipv6]\nmethod=auto\nnever-default=false\nrouting-rule1=priority 500 from 2001:db8:9::/64 table 77\n",
                PersistedFile.Private);
        Persist();

        var profile = ReadByNmcli(_root.Read("etc/NetworkManager/system-connections/cloud-init-ens4.nmconnection")!);

        Assert.Equal("true", profile.Last("ipv4", "never-default"));
        Assert.Equal("priority 102 from 100.64.2.10 table 102", profile.Last("ipv4", "routing-rule1"));
        Assert.Equal("true", profile.Last("ipv6", "never-default"));
        Assert.Equal("priority 500 from 2001:db8:9::/64 table 77", profile.Last("ipv6", "routing-rule1"));
        Assert.Equal("priority 102 from 2001:db8:2::/64 table 102", profile.Last("ipv6", "routing-rule2"));
    }

    [Fact]
    public void Nmcli_offline_reads_bootroutes_own_profile_as_nmcli_would_make_it_for_ipv6()
    {
        _root.Executable("usr/sbin/NetworkManager");
        Persist(PersistBackend.NetworkManager);

        var mine = ReadByNmcli(_root.Read("etc/NetworkManager/system-connections/bootroute-ens4.nmconnection")!);
        var made = StackTools.Run(StackTools.Nmcli, ["--offline", "connection", "add", "type", "ethernet", "con-name", "bootroute ens4", "ifname", "ens4",
            "ipv6.method", "auto", "ipv6.never-default", "yes", "ipv6.routing-rules", "priority 102 from 2001:db8:2::/64 table 102"]);

        Assert.True(made.ExitCode == 0, $"nmcli could not make the same profile:\n{made}");
        var theirs = IniFile.Parse(made.Stdout);
        foreach (var key in new[] { "method", "never-default", "routing-rule1" })
        {
            Assert.Equal(theirs.Last("ipv6", key), mine.Last("ipv6", key));
        }
        Assert.Null(mine.Last("ipv6", "routing-rule2"));
    }
}
