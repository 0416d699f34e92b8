using BootRoute.Model;
using BootRoute.Persistence.Detection;
using BootRoute.Persistence;
using BootRoute.Tests.Planning;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>persist.backend auto and explicit, against image trees as the stacks and cloud-init lay them out.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StackDetectorTests : IDisposable
{
    private readonly ScratchRoot _root = new();

    public void Dispose() => _root.Dispose();

    private IReadOnlyList<StackTarget> Detect(PersistBackend backend = PersistBackend.Auto, SampleHost? host = null)
    {
        host ??= PersistenceSamples.Host();
        return new StackDetector(_root.Files).Detect(PersistenceSamples.Plan(host), host.Snapshot, backend).Targets;
    }

    private const string CloudInitNetplan = """
        # This file is generated from information provided by the datasource.
        network:
            version: 2
            ethernets:
                ens3:
                    dhcp4: true
                    match:
                        macaddress: fa:16:3e:00:00:02
                    set-name: ens3
                nic1:
                    dhcp4: true
                    dhcp6: true
                    match:
                        macaddress: FA:16:3E:00:00:03
                    set-name: ens4
        """;

    [Fact]
    public void Netplan_definitions_are_found_by_set_name_or_mac_and_keep_their_id_and_type()
    {
        _root.With("etc/netplan/50-cloud-init.yaml", CloudInitNetplan, PersistedFile.Private);

        var targets = Detect();

        var ens4 = Assert.IsType<NetplanTarget>(targets.Single(target => target.Interface == "ens4"));
        Assert.Equal(("nic1", "ethernets", true), (ens4.Id, ens4.DeviceType, ens4.Dhcp6));
        Assert.Contains("/etc/netplan/50-cloud-init.yaml", ens4.Reason, StringComparison.Ordinal);
        Assert.IsType<NetplanTarget>(targets.Single(target => target.Interface == "ens3"));
    }

    [Fact]
    public void A_netplan_file_in_run_shadows_the_same_name_in_etc_and_bootroutes_own_file_is_not_evidence()
    {
        _root.With("etc/netplan/50-cloud-init.yaml", CloudInitNetplan)
            .With("run/netplan/50-cloud-init.yaml", "network:\n  version: 2\n  ethernets:\n    ens3: {dhcp4: true}\n")
            .With("etc/netplan/90-bootroute.yaml", "network:\n  version: 2\n  ethernets:\n    ens4: {dhcp4: true}\n");

        var targets = Detect();

        Assert.IsType<NetplanTarget>(targets.Single(target => target.Interface == "ens3"));
        Assert.IsNotType<NetplanTarget>(targets.Single(target => target.Interface == "ens4"));
    }

    public static TheoryData<string, string> HostileNetplan => new()
    {
        { "network: {ethernets: {ens3: {dhcp4: true}\nversion: 2\n", "not valid YAML" },
        { " : 1\n", "not valid YAML" },
        { BootRoute.Tests.Settings.BoundedYamlTests.BillionLaughsKey(), "nodes once aliases are expanded" },
        { new string('[', 100_000), "levels deep" },
    };

    [Theory]
    [MemberData(nameof(HostileNetplan))]
    public void A_broken_or_hostile_netplan_file_is_skipped_with_a_note_naming_it(string yaml, string expected)
    {
        _root.With("etc/netplan/40-hostile.yaml", yaml);
        _root.With("etc/netplan/50-cloud-init.yaml", CloudInitNetplan);
        var host = PersistenceSamples.Host();

        var (targets, problems) = new StackDetector(_root.Files).Detect(PersistenceSamples.Plan(host), host.Snapshot, PersistBackend.Auto);

        var note = Assert.Single(problems, problem => problem.Contains("40-hostile.yaml", StringComparison.Ordinal));
        Assert.Contains(expected, note, StringComparison.Ordinal);
        Assert.Contains("so its netplan definitions are unknown", note, StringComparison.Ordinal);
        Assert.IsType<NetplanTarget>(targets.Single(target => target.Interface == "ens3")); // the other file still counts
    }

    [Fact]
    public void Invalid_netplan_yaml_is_reported_with_its_line()
    {
        _root.With("etc/netplan/50-cloud-init.yaml", "network:\n  ethernets: [\n");
        var host = PersistenceSamples.Host();

        var (_, problems) = new StackDetector(_root.Files).Detect(PersistenceSamples.Plan(host), host.Snapshot, PersistBackend.Auto);

        Assert.Contains(problems, problem => problem.Contains("50-cloud-init.yaml:", StringComparison.Ordinal) && problem.Contains("not valid YAML", StringComparison.Ordinal));
    }

    [Fact]
    public void Networkd_is_chosen_when_enabled_and_the_first_matching_network_file_wins()
    {
        _root.Enabled("systemd-networkd.service")
            .With("usr/lib/systemd/network/99-default.network", "[Match]\nName=*\n[Network]\nDHCP=yes\n")
            .With("etc/systemd/network/20-ens4.network", "[Match]\nMACAddress=fa:16:3e:00:00:03\nDriver=virtio_net\n[Network]\nDHCP=yes\n")
            .With("etc/systemd/network/10-other.network", "[Match]\nName=!ens* eth*\n");

        var targets = Detect();

        var ens4 = Assert.IsType<NetworkdTarget>(targets.Single(target => target.Interface == "ens4"));
        Assert.Equal("20-ens4.network", ens4.NetworkFile);
        Assert.Contains("Driver=", ens4.Reason, StringComparison.Ordinal);
        Assert.Equal("99-default.network", Assert.IsType<NetworkdTarget>(targets.Single(target => target.Interface == "ens3")).NetworkFile);
    }

    [Fact]
    public void A_network_file_alone_is_not_evidence_without_networkd_enabled_or_its_lease()
    {
        _root.With("etc/systemd/network/20-ens4.network", "[Match]\nName=ens4\n");

        Assert.All(Detect(), target => Assert.IsNotType<NetworkdTarget>(target));
        Assert.IsType<NetworkdTarget>(Detect(PersistBackend.Networkd).Single(target => target.Interface == "ens4"));
    }

    [Fact]
    public void NetworkManager_profile_by_interface_name_or_mac_with_the_highest_autoconnect_priority()
    {
        _root.Enabled("NetworkManager.service")
            .Executable("usr/sbin/NetworkManager")
            .With("etc/NetworkManager/system-connections/a.nmconnection", "[connection]\nid=a\ninterface-name=ens4\n", PersistedFile.Private)
            .With("etc/NetworkManager/system-connections/b.nmconnection", "[connection]\nid=b\nautoconnect-priority=10\n[ethernet]\nmac-address=FA:16:3E:00:00:03\n", PersistedFile.Private);

        var targets = Detect();

        var ens4 = Assert.IsType<NetworkManagerTarget>(targets.Single(target => target.Interface == "ens4"));
        Assert.Equal("/etc/NetworkManager/system-connections/b.nmconnection", ens4.ProfilePath);
        Assert.IsNotType<NetworkManagerTarget>(targets.Single(target => target.Interface == "ens3"));
    }

    [Fact]
    public void A_networkmanager_lease_without_a_profile_on_disk_gets_bootroutes_own_keyfile()
    {
        var host = PersistenceSamples.Host().WithoutLease("ens4")
            .WithLease(new BootRoute.Model.Lease("ens4", System.Net.IPAddress.Parse("100.64.2.10"), 24, System.Net.IPAddress.Parse("100.64.2.1"), [],
                "dhclient:/var/lib/NetworkManager/dhclient-1234-ens4.lease"));

        var ens4 = Assert.IsType<NetworkManagerTarget>(Detect(host: host).Single(target => target.Interface == "ens4"));

        Assert.Null(ens4.ProfilePath);
    }

    [Fact]
    public void Ifcfg_for_initscripts_unless_networkmanager_takes_the_file()
    {
        _root.With("etc/sysconfig/network-scripts/ifcfg-eth1", "DEVICE=ens4\nBOOTPROTO=dhcp\n");
        Assert.Equal("/etc/sysconfig/network-scripts/ifcfg-eth1",
            Assert.IsType<IfcfgTarget>(Detect().Single(target => target.Interface == "ens4")).IfcfgPath);

        _root.Executable("usr/sbin/NetworkManager").Enabled("NetworkManager.service");
        var managed = Assert.IsType<NetworkManagerTarget>(Detect().Single(target => target.Interface == "ens4"));
        Assert.Equal(ProfileFormat.Ifcfg, managed.Format);
    }

    [Fact]
    public void Ifupdown_stanzas_are_followed_through_source_directory_and_the_stanza_file_name_follows_what_is_read()
    {
        _root.Executable("sbin/ifup").Executable("sbin/dhclient")
            .With("etc/network/interfaces", "auto lo\niface lo inet loopback\nsource-directory /etc/network/interfaces.d\n")
            .With("etc/network/interfaces.d/50-cloud-init", "auto ens4\niface ens4 inet dhcp\n")
            .With("etc/network/interfaces.d/ignored.cfg", "iface ens3 inet dhcp\n");

        var targets = Detect();

        var ens4 = Assert.IsType<IfupdownTarget>(targets.Single(target => target.Interface == "ens4"));
        Assert.Equal(("/etc/network/interfaces.d/60-bootroute", true, false), (ens4.StanzaFile, ens4.Dhclient, ens4.Dhcpcd));
        // ens3's stanza is in a file source-directory skips (a dot in the name): only its dhclient lease counts.
        Assert.Null(Assert.IsType<IfupdownTarget>(targets.Single(target => target.Interface == "ens3")).StanzaFile);
    }

    [Fact]
    public void Ubuntus_source_of_cfg_files_gets_a_cfg_stanza_file()
    {
        _root.Executable("sbin/ifup")
            .With("etc/network/interfaces", "source /etc/network/interfaces.d/*.cfg\n")
            .With("etc/network/interfaces.d/50-cloud-init.cfg", "auto ens4\niface ens4 inet dhcp\n");

        var ens4 = Assert.IsType<IfupdownTarget>(Detect().Single(target => target.Interface == "ens4"));

        Assert.Equal("/etc/network/interfaces.d/60-bootroute.cfg", ens4.StanzaFile);
    }

    [Fact]
    public void Interfaces_that_do_not_read_interfaces_d_get_no_stanza_and_say_why()
    {
        _root.Executable("sbin/ifup").With("etc/network/interfaces", "auto ens4\niface ens4 inet dhcp\n");

        var ens4 = Assert.IsType<IfupdownTarget>(Detect().Single(target => target.Interface == "ens4"));

        Assert.Null(ens4.StanzaFile);
        Assert.Contains("does not read /etc/network/interfaces.d", ens4.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dhclient_lease_with_no_stack_is_the_dhclient_hook_alone_and_a_kernel_lease_with_nothing_is_none()
    {
        var dhclient = Assert.IsType<IfupdownTarget>(Detect().Single(target => target.Interface == "ens4"));
        Assert.Equal((null, true, false), (dhclient.StanzaFile, dhclient.Dhclient, dhclient.Dhcpcd));

        var host = PersistenceSamples.Host().WithoutLease("ens4")
            .WithLease(new BootRoute.Model.Lease("ens4", System.Net.IPAddress.Parse("100.64.2.10"), 24, System.Net.IPAddress.Parse("100.64.2.1"), [], "kernel"));
        Assert.IsType<NoStackTarget>(Detect(host: host).Single(target => target.Interface == "ens4"));
    }

    [Fact]
    public void A_configured_backend_that_does_not_fit_a_nic_says_so_and_none_means_none()
    {
        Assert.All(Detect(PersistBackend.Netplan), target => Assert.Contains("no netplan file defines", target.Reason, StringComparison.Ordinal));
        Assert.All(Detect(PersistBackend.Ifcfg), target => Assert.IsType<NoStackTarget>(target));
        Assert.All(Detect(PersistBackend.None), target => Assert.Equal(PersistBackend.None, target.Backend));
    }

    [Theory]
    [InlineData("ens[3-4]", "ens4", true)]
    [InlineData("ens[!3]", "ens3", false)]
    [InlineData("e*4", "ens4", true)]
    [InlineData("en?4", "ens4", true)]
    [InlineData("ens", "ens4", false)]
    [InlineData("*", "", true)]
    public void Globs_match_as_fnmatch_does(string pattern, string name, bool matches)
    {
        Assert.Equal(matches, Glob.Matches(pattern, name));
    }
}
