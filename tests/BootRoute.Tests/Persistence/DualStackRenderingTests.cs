using BootRoute.Persistence;
using BootRoute.Persistence.Rendering;
using Xunit;
using static BootRoute.Tests.Persistence.RendererGoldenTests;

namespace BootRoute.Tests.Persistence;

/// <summary>
/// Each backend's files for the dual-stack instance (<see cref="PersistenceSamples.DualStackHost"/>),
/// byte for byte against golden files in Fixtures/persistence/dualstack: beside the IPv4 half, every
/// NIC's IPv6 table and <c>from &lt;prefix&gt;</c> rules, and on the IPv6 secondary (ens4) the stack's
/// own way of keeping its router's advertised default out of main. The tool tests prove the stacks
/// accept the same files.
/// </summary>
public class DualStackRenderingTests
{
    private const string Scripts = "/etc/sysconfig/network-scripts";

    [Fact]
    public void Netplan_adds_the_ipv6_routes_and_rules_and_a_drop_in_that_refuses_the_secondarys_ra_default()
    {
        var rendering = NetplanRenderer.Render(PersistenceSamples.DualStackPlan(), [
            new NetplanTarget("ens3", "test", "ens3", "ethernets", Dhcp6: false, Networkd: true),
            new NetplanTarget("ens4", "test", "ens4", "ethernets", Dhcp6: true, Networkd: true),
        ]);

        AssertGolden("dualstack/netplan/90-bootroute.yaml", Only(rendering, Paths.Stacks.NetplanFile));
        AssertGolden("dualstack/netplan/10-netplan-ens4.network.d/90-bootroute.conf",
            Only(rendering, "/etc/systemd/network/10-netplan-ens4.network.d/90-bootroute.conf"));
        Assert.Equal(2, rendering.Files.Count);
        Assert.Contains(rendering.Notes, note => note.Contains("rules (IPv4 and IPv6)", StringComparison.Ordinal));
    }

    [Fact]
    public void Netplan_for_networkmanager_passes_ipv6_never_default_through_unless_dhcp6_overrides_already_say_it()
    {
        var plan = PersistenceSamples.DualStackPlan();

        string withoutDhcp6 = Only(NetplanRenderer.Render(plan, [new NetplanTarget("ens4", "test", "ens4", "ethernets", Dhcp6: false)]), Paths.Stacks.NetplanFile);
        string withDhcp6 = Only(NetplanRenderer.Render(plan, [new NetplanTarget("ens4", "test", "ens4", "ethernets", Dhcp6: true)]), Paths.Stacks.NetplanFile);
        string primary = Only(NetplanRenderer.Render(plan, [new NetplanTarget("ens3", "test", "ens3", "ethernets", Dhcp6: false)]), Paths.Stacks.NetplanFile);

        Assert.Contains("      networkmanager:\n        passthrough:\n          ipv6.never-default: \"true\"\n", withoutDhcp6, StringComparison.Ordinal);
        Assert.DoesNotContain("passthrough", withDhcp6, StringComparison.Ordinal);
        Assert.Contains("dhcp6-overrides:\n        use-routes: false", withDhcp6, StringComparison.Ordinal);
        Assert.DoesNotContain("passthrough", primary, StringComparison.Ordinal);
    }

    [Fact]
    public void Networkd_drop_ins_carry_both_families_and_ipv6acceptra_usegateway()
    {
        var rendering = NetworkdRenderer.Render(PersistenceSamples.DualStackPlan(), [
            new NetworkdTarget("ens3", "test", "10-netplan-ens3.network"),
            new NetworkdTarget("ens4", "test", "10-netplan-ens4.network"),
        ]);

        AssertGolden("dualstack/networkd/ens3.conf", Only(rendering, "/etc/systemd/network/10-netplan-ens3.network.d/90-bootroute.conf"));
        AssertGolden("dualstack/networkd/ens4.conf", Only(rendering, "/etc/systemd/network/10-netplan-ens4.network.d/90-bootroute.conf"));
    }

    [Fact]
    public void Ifupdown_stanzas_add_ip_6_lines_and_turn_the_secondarys_ra_default_off()
    {
        var rendering = IfupdownRenderer.Render(PersistenceSamples.DualStackPlan(), [
            new IfupdownTarget("ens3", "test", Paths.Stacks.IfupdownStanzaFile, Dhclient: true, Dhcpcd: false),
            new IfupdownTarget("ens4", "test", Paths.Stacks.IfupdownStanzaFile, Dhclient: true, Dhcpcd: false),
        ]);

        AssertGolden("dualstack/ifupdown/60-bootroute", Only(rendering, Paths.Stacks.IfupdownStanzaFile));
    }

    [Fact]
    public void NetworkManager_keyfile_gets_a_block_in_ipv4_and_one_in_ipv6_numbered_apart_and_both_strip_back()
    {
        const string path = "/etc/NetworkManager/system-connections/ens4.nmconnection";
        const string original = "[connection]\nid=cloud-init ens4\n\n[ipv4]\nmethod=auto\nrouting-rule1=priority 500 from 10.9.9.9 table 77\n\n[ipv6]\nmethod=auto\nrouting-rule1=priority 500 from 2001:db8:9::/64 table 77\nrouting-rule2=priority 501 from 2001:db8:8::/64 table 78\n";
        var rendering = NetworkManagerRenderer.Render(PersistenceSamples.DualStackPlan(), [new NetworkManagerTarget("ens4", "test", path, ProfileFormat.Keyfile)],
            new Dictionary<string, string?> { [path] = original });

        var (changes, problems) = FileChanges.Compute(rendering.Files, new Dictionary<string, ExistingFile?> { [path] = new(original, PersistedFile.Private) });

        Assert.Empty(problems);
        string written = Assert.Single(changes).After!;
        AssertGolden("dualstack/networkmanager/ens4.nmconnection", written);
        Assert.Equal(original, MarkedBlock.Strip(written));
    }

    [Fact]
    public void NetworkManager_ifcfg_profile_gets_ipv6_defroute_and_routing_rule6_keys()
    {
        const string path = Scripts + "/ifcfg-ens4";
        var rendering = NetworkManagerRenderer.Render(PersistenceSamples.DualStackPlan(), [new NetworkManagerTarget("ens4", "test", path, ProfileFormat.Ifcfg)],
            new Dictionary<string, string?> { [path] = "DEVICE=ens4\nBOOTPROTO=dhcp\nROUTING_RULE6_1=\"priority 500 from 2001:db8:9::/64 table 77\"\n" });

        var bodies = rendering.Files.Where(file => file.Path == path).Cast<FileBlock>().Select(block => block.Body);

        Assert.Equal("DEFROUTE=no\nROUTING_RULE_1=\"priority 102 from 100.64.2.10 table 102\"\n"
            + "IPV6_DEFROUTE=no\nROUTING_RULE6_2=\"priority 102 from 2001:db8:2::/64 table 102\"\n", string.Concat(bodies));
    }

    [Fact]
    public void NetworkManager_own_profile_holds_the_ipv6_keys_too()
    {
        var rendering = NetworkManagerRenderer.Render(PersistenceSamples.DualStackPlan(), [new NetworkManagerTarget("ens3", "test", null, ProfileFormat.Keyfile)],
            new Dictionary<string, string?>());

        AssertGolden("dualstack/networkmanager/bootroute-ens3.nmconnection", Assert.IsType<OwnedFile>(Assert.Single(rendering.Files)).Content);
    }

    [Fact]
    public void Ifcfg_writes_route6_and_rule6_files_and_ipv6_defroute()
    {
        var rendering = IfcfgRenderer.Render(PersistenceSamples.DualStackPlan(), [
            new IfcfgTarget("ens3", "test", Scripts + "/ifcfg-ens3"),
            new IfcfgTarget("ens4", "test", Scripts + "/ifcfg-ens4"),
        ]);

        Assert.Equal("DEFROUTE=yes\nIPV6_DEFROUTE=yes\n", Only(rendering, Scripts + "/ifcfg-ens3"));
        Assert.Equal("DEFROUTE=no\nIPV6_DEFROUTE=no\n", Only(rendering, Scripts + "/ifcfg-ens4"));
        AssertGolden("ifcfg/route-ens4", Only(rendering, Scripts + "/route-ens4"));
        AssertGolden("dualstack/ifcfg/route6-ens4", Only(rendering, Scripts + "/route6-ens4"));
        AssertGolden("dualstack/ifcfg/rule6-ens3", Only(rendering, Scripts + "/rule6-ens3"));
        AssertGolden("dualstack/ifcfg/rule6-ens4", Only(rendering, Scripts + "/rule6-ens4"));
    }

    [Fact]
    public void A_plan_without_an_ipv6_half_renders_no_ipv6_key_anywhere()
    {
        var plan = PersistenceSamples.Plan();
        Assert.Null(plan.IPv6);

        var texts = new[]
        {
            Only(NetworkdRenderer.Render(plan, [new NetworkdTarget("ens4", "test", "x.network")]), "/etc/systemd/network/x.network.d/90-bootroute.conf"),
            Only(IfupdownRenderer.Render(plan, [new IfupdownTarget("ens4", "test", Paths.Stacks.IfupdownStanzaFile, false, false)]), Paths.Stacks.IfupdownStanzaFile),
            Only(NetplanRenderer.Render(plan, [new NetplanTarget("ens4", "test", "ens4", "ethernets", Dhcp6: false)]), Paths.Stacks.NetplanFile),
        };

        Assert.All(texts, text => Assert.DoesNotContain("IPv6", text, StringComparison.OrdinalIgnoreCase));
        Assert.All(texts, text => Assert.DoesNotContain("ip -6", text, StringComparison.Ordinal));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_nic_managed_in_ipv6_only_is_named_as_not_persisted()
    {
        using var root = new ScratchRoot();
        var host = PersistenceSamples.Host().Link("ens5").WithSlaac();
        var plan = PersistenceSamples.Plan(host);
        Assert.Contains(plan.IPv6!.Interfaces, nic => nic.Name == "ens5");

        var persistence = new Persister(root.Files).Plan(plan, host.Snapshot, BootRoute.Model.PersistBackend.Auto);

        Assert.Contains("ens5: managed in IPv6 only, which is not persisted; bootroute apply at boot recreates its table and rules", persistence.Notes);
        Assert.DoesNotContain(persistence.Notes, note => note.StartsWith("ens4:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(BootRoute.Model.PersistBackend.Ifcfg)]
    [InlineData(BootRoute.Model.PersistBackend.NetworkManager)]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Revert_takes_the_ipv6_files_and_blocks_out_again(BootRoute.Model.PersistBackend backend)
    {
        using var root = new ScratchRoot();
        root.Executable("usr/sbin/NetworkManager")
            .With("etc/sysconfig/network-scripts/ifcfg-ens3", "DEVICE=ens3\nBOOTPROTO=dhcp\nNM_CONTROLLED=no\n")
            .With("etc/sysconfig/network-scripts/ifcfg-ens4", "DEVICE=ens4\nBOOTPROTO=dhcp\nNM_CONTROLLED=no\n")
            .With("etc/NetworkManager/system-connections/ens4.nmconnection", "[connection]\nid=ens4\ninterface-name=ens4\n\n[ipv4]\nmethod=auto\n", PersistedFile.Private);
        var before = root.Snapshot();
        var persister = new Persister(root.Files);
        var written = persister.Write(persister.Plan(PersistenceSamples.DualStackPlan(), PersistenceSamples.DualStackHost().Snapshot, backend).Changes);
        Assert.True(written.Succeeded);
        Assert.Contains(written.Written, change => change.After?.Contains("2001:db8:2::/64", StringComparison.Ordinal) == true);

        Assert.True(persister.Write(persister.PlanRevert().Changes).Succeeded);

        Assert.Equal(before, root.Snapshot());
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void The_report_says_how_each_stack_keeps_the_secondarys_router_default_out_of_main()
    {
        using var root = new ScratchRoot();
        root.With("etc/netplan/50-cloud-init.yaml", StackToolTests.CloudInitNetplan, PersistedFile.Private).EmptyDirectory("etc/systemd/network");
        var persister = new Persister(root.Files);

        var dual = persister.Plan(PersistenceSamples.DualStackPlan(), PersistenceSamples.DualStackHost().Snapshot, BootRoute.Model.PersistBackend.Auto);
        var ipv4 = persister.Plan(PersistenceSamples.Plan(), PersistenceSamples.Host().Snapshot, BootRoute.Model.PersistBackend.Auto);

        Assert.EndsWith("; its IPv6 router's default is kept out of main by [IPv6AcceptRA] UseGateway=no in the drop-in for netplan's networkd file",
            dual.Targets.Single(target => target.Interface == "ens4").Reason, StringComparison.Ordinal);
        Assert.Equal(ipv4.Targets.Single(target => target.Interface == "ens3").Reason, dual.Targets.Single(target => target.Interface == "ens3").Reason);
        Assert.DoesNotContain("IPv6", ipv4.Targets.Single(target => target.Interface == "ens4").Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("networkd", "[IPv6AcceptRA] UseGateway=no")]
    [InlineData("keyfile", "ipv6.never-default=true")]
    [InlineData("ifcfg-rh", "IPV6_DEFROUTE=no (ipv6.never-default)")]
    [InlineData("ifupdown", "accept_ra_defrtr=0 and the default deleted by post-up lines in its stanza")]
    [InlineData("dhclient", "only by bootroute apply (accept_ra_defrtr=0), not persisted")]
    public void Each_stack_names_its_own_way(string stack, string how)
    {
        StackTarget target = stack switch
        {
            "networkd" => new NetworkdTarget("ens4", "r", "x.network"),
            "keyfile" => new NetworkManagerTarget("ens4", "r", "/p", ProfileFormat.Keyfile),
            "ifcfg-rh" => new NetworkManagerTarget("ens4", "r", "/p", ProfileFormat.Ifcfg),
            "ifupdown" => new IfupdownTarget("ens4", "r", Paths.Stacks.IfupdownStanzaFile, true, false),
            _ => new IfupdownTarget("ens4", "r", null, true, false),
        };

        Assert.Equal(how, RouterDefaultPolicy.How(target, dhcpSecondary: true));
    }
}
