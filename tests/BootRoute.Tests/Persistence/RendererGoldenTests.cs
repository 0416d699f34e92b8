using BootRoute.Persistence;
using BootRoute.Persistence.Rendering;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>
/// Each backend's files for the sample instance, compared byte for byte with golden files in
/// Fixtures/persistence (reviewed against the stacks' manuals: systemd.network(5), netplan-yaml,
/// nm-settings-keyfile(5), interfaces(5), dhclient-script(8), dhcpcd.conf(5), initscripts'
/// sysconfig.txt). The tool tests prove the same files are accepted by the stacks' own parsers.
/// </summary>
public class RendererGoldenTests
{
    internal static void AssertGolden(string golden, string actual)
    {
        string expected = PersistenceSamples.Golden(golden);
        if (expected != actual)
        {
            // Leaves the actual text beside the test run for review (and, once reviewed, copying over).
            string dump = Path.Combine(Path.GetTempPath(), "bootroute-golden", golden);
            Directory.CreateDirectory(Path.GetDirectoryName(dump)!);
            File.WriteAllText(dump, actual);
            Assert.Fail($"{golden} differs from the rendering (actual written to {dump}):\n{actual}");
        }
    }

    internal static string Only(Rendering rendering, string path) =>
        Assert.Single(rendering.Files, file => file.Path == path) switch
        {
            OwnedFile owned => owned.Content,
            FileBlock block => block.Body,
            _ => throw new InvalidOperationException(),
        };

    [Fact]
    public void Netplan_merges_routes_policy_and_use_routes_false_into_the_same_ids()
    {
        var plan = PersistenceSamples.Plan();
        var rendering = NetplanRenderer.Render(plan, [
            new NetplanTarget("ens3", "test", "ens3", "ethernets", Dhcp6: false, Networkd: true),
            new NetplanTarget("ens4", "test", "ens4", "ethernets", Dhcp6: true, Networkd: true),
        ]);

        AssertGolden("netplan/90-bootroute.yaml", Only(rendering, Paths.Stacks.NetplanFile));
        Assert.Equal(PersistedFile.Private, rendering.Files[0].Mode);
        // use-routes: false would stop networkd asking for option 121: the secondary's drop-in asks for it.
        AssertGolden("netplan/10-netplan-ens4.network.d/90-bootroute.conf", Only(rendering, "/etc/systemd/network/10-netplan-ens4.network.d/90-bootroute.conf"));
        Assert.Equal(2, rendering.Files.Count);
        Assert.Contains(rendering.Notes, note => note.Contains("suppress_prefixlength", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../ens4")]
    [InlineData(".hidden")]
    [InlineData("ens 4")]
    public void Netplan_id_that_is_no_file_name_gets_no_drop_in_and_a_note(string id)
    {
        var rendering = NetplanRenderer.Render(PersistenceSamples.Plan(), [new NetplanTarget("ens4", "test", id, "ethernets", Dhcp6: false, Networkd: true)]);

        Assert.Equal(Paths.Stacks.NetplanFile, Assert.Single(rendering.Files).Path);
        Assert.Contains(rendering.Notes, note => note.Contains("option 121", StringComparison.Ordinal) && note.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public void Netplan_rendered_for_networkmanager_gets_no_networkd_drop_in()
    {
        var rendering = NetplanRenderer.Render(PersistenceSamples.Plan(), [new NetplanTarget("ens4", "test", "ens4", "ethernets", Dhcp6: false)]);

        Assert.Equal(Paths.Stacks.NetplanFile, Assert.Single(rendering.Files).Path);
    }

    [Fact]
    public void Networkd_drop_ins_name_every_route_and_rule_and_the_gateway_policy()
    {
        var plan = PersistenceSamples.Plan();
        var rendering = NetworkdRenderer.Render(plan, [
            new NetworkdTarget("ens3", "test", "10-netplan-ens3.network"),
            new NetworkdTarget("ens4", "test", "10-netplan-ens4.network"),
        ]);

        AssertGolden("networkd/ens3.conf", Only(rendering, "/etc/systemd/network/10-netplan-ens3.network.d/90-bootroute.conf"));
        AssertGolden("networkd/ens4.conf", Only(rendering, "/etc/systemd/network/10-netplan-ens4.network.d/90-bootroute.conf"));
    }

    [Fact]
    public void Ifupdown_writes_the_dhclient_hook_the_dhcpcd_block_and_manual_stanzas()
    {
        var plan = PersistenceSamples.Plan();
        var rendering = IfupdownRenderer.Render(plan, [
            new IfupdownTarget("ens3", "test", Paths.Stacks.IfupdownStanzaFile, Dhclient: true, Dhcpcd: false),
            new IfupdownTarget("ens4", "test", Paths.Stacks.IfupdownStanzaFile, Dhclient: true, Dhcpcd: true),
        ]);

        AssertGolden("ifupdown/bootroute-defroute", Only(rendering, Paths.Stacks.DhclientEnterHook));
        AssertGolden("ifupdown/dhcpcd.conf-block", Only(rendering, Paths.Stacks.DhcpcdConf));
        AssertGolden("ifupdown/60-bootroute", Only(rendering, Paths.Stacks.IfupdownStanzaFile));
    }

    [Fact]
    public void Ifupdown_without_a_stanza_or_a_secondary_on_dhclient_writes_only_what_applies()
    {
        var plan = PersistenceSamples.Plan();
        var rendering = IfupdownRenderer.Render(plan, [
            new IfupdownTarget("ens3", "test", null, Dhclient: true, Dhcpcd: false),
            new IfupdownTarget("ens4", "test", null, Dhclient: false, Dhcpcd: true),
        ]);

        var file = Assert.Single(rendering.Files);
        Assert.Equal(Paths.Stacks.DhcpcdConf, file.Path);
    }

    [Fact]
    public void NetworkManager_keyfile_block_numbers_rules_after_the_profiles_own()
    {
        var plan = PersistenceSamples.Plan();
        string original = "[connection]\nid=cloud-init ens4\n\n[ipv4]\nmethod=auto\nrouting-rule1=priority 500 from 10.9.9.9 table 77\n";
        var rendering = NetworkManagerRenderer.Render(plan,
            [
                new NetworkManagerTarget("ens3", "test", "/etc/NetworkManager/system-connections/ens3.nmconnection", ProfileFormat.Keyfile),
                new NetworkManagerTarget("ens4", "test", "/etc/NetworkManager/system-connections/ens4.nmconnection", ProfileFormat.Keyfile),
            ],
            new Dictionary<string, string?>
            {
                ["/etc/NetworkManager/system-connections/ens3.nmconnection"] = "[ipv4]\nmethod=auto\n",
                ["/etc/NetworkManager/system-connections/ens4.nmconnection"] = original,
            });

        AssertGolden("networkmanager/ens3-block", Only(rendering, "/etc/NetworkManager/system-connections/ens3.nmconnection"));
        AssertGolden("networkmanager/ens4-block", Only(rendering, "/etc/NetworkManager/system-connections/ens4.nmconnection"));
        Assert.All(rendering.Files, file => Assert.Equal("[ipv4]", Assert.IsType<FileBlock>(file).Section));
    }

    [Fact]
    public void NetworkManager_without_a_profile_gets_a_private_keyfile_of_its_own_with_a_stable_uuid()
    {
        var plan = PersistenceSamples.Plan();
        var rendering = NetworkManagerRenderer.Render(plan, [new NetworkManagerTarget("ens4", "test", null, ProfileFormat.Keyfile)],
            new Dictionary<string, string?>());

        var file = Assert.IsType<OwnedFile>(Assert.Single(rendering.Files));
        Assert.Equal("/etc/NetworkManager/system-connections/bootroute-ens4.nmconnection", file.Path);
        Assert.Equal(PersistedFile.Private, file.Mode);
        AssertGolden("networkmanager/bootroute-ens4.nmconnection", file.Content);
        Assert.Equal(NetworkManagerRenderer.StableUuid("ens4"), NetworkManagerRenderer.StableUuid("ens4"));
        Assert.NotEqual(NetworkManagerRenderer.StableUuid("ens4"), NetworkManagerRenderer.StableUuid("ens5"));
    }

    [Fact]
    public void NetworkManager_ifcfg_profile_gets_defroute_and_routing_rule_keys()
    {
        var plan = PersistenceSamples.Plan();
        const string path = "/etc/sysconfig/network-scripts/ifcfg-ens4";
        var rendering = NetworkManagerRenderer.Render(plan, [new NetworkManagerTarget("ens4", "test", path, ProfileFormat.Ifcfg)],
            new Dictionary<string, string?> { [path] = "DEVICE=ens4\nBOOTPROTO=dhcp\nROUTING_RULE_1=\"priority 500 from 10.9.9.9 table 77\"\n" });

        Assert.Equal("DEFROUTE=no\nROUTING_RULE_2=\"priority 102 from 100.64.2.10 table 102\"\n", Only(rendering, path));
    }

    [Fact]
    public void Ifcfg_writes_defroute_route_and_rule_blocks_with_proto_200()
    {
        var plan = PersistenceSamples.Plan();
        var rendering = IfcfgRenderer.Render(plan, [
            new IfcfgTarget("ens3", "test", "/etc/sysconfig/network-scripts/ifcfg-ens3"),
            new IfcfgTarget("ens4", "test", "/etc/sysconfig/network-scripts/ifcfg-ens4"),
        ]);

        Assert.Equal("DEFROUTE=yes\n", Only(rendering, "/etc/sysconfig/network-scripts/ifcfg-ens3"));
        Assert.Equal("DEFROUTE=no\n", Only(rendering, "/etc/sysconfig/network-scripts/ifcfg-ens4"));
        AssertGolden("ifcfg/route-ens4", Only(rendering, "/etc/sysconfig/network-scripts/route-ens4"));
        AssertGolden("ifcfg/rule-ens3", Only(rendering, "/etc/sysconfig/network-scripts/rule-ens3"));
        AssertGolden("ifcfg/rule-ens4", Only(rendering, "/etc/sysconfig/network-scripts/rule-ens4"));
    }

    [Fact]
    public void Names_that_do_not_fit_a_shell_word_are_left_out_of_shell_files_and_said_so()
    {
        var host = new Planning.SampleHost().Nic("ens3", "100.64.1.10", 24, "100.64.1.1").Nic("e$(x)", "100.64.2.10", 24, "100.64.2.1");
        var plan = PersistenceSamples.Plan(host);

        var ifupdown = IfupdownRenderer.Render(plan, [new IfupdownTarget("e$(x)", "test", Paths.Stacks.IfupdownStanzaFile, true, false)]);
        var ifcfg = IfcfgRenderer.Render(plan, [new IfcfgTarget("e$(x)", "test", "/etc/sysconfig/network-scripts/ifcfg-x")]);

        Assert.Empty(ifupdown.Files);
        Assert.Empty(ifcfg.Files);
        Assert.Contains("e$(x)", Assert.Single(ifupdown.Notes), StringComparison.Ordinal);
        Assert.Contains("e$(x)", Assert.Single(ifcfg.Notes), StringComparison.Ordinal);
    }
}
