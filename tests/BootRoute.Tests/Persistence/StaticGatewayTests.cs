using System.Net;
using System.Net.NetworkInformation;
using BootRoute.Model;
using BootRoute.Persistence.Detection;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>
/// A static secondary's gateway as each stack's files give it (issue #14 part 2): only for the address
/// the kernel has, only an IPv4 dotted quad, and only from the configuration that is in force.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StaticGatewayTests : IDisposable
{
    private static readonly Link Ens4 = new(3, "ens4", PhysicalAddress.Parse("FA-16-3E-00-00-03"), 1500, true, false);
    private static readonly IPAddress Address = IPAddress.Parse("100.64.2.10");

    private readonly ScratchRoot _root = new();

    public void Dispose() => _root.Dispose();

    private ConfiguredGateway? Find(IPAddress? address = null) => StaticGateways.Find(_root.Files, Ens4, address ?? Address);

    public static TheoryData<string, string> EveryStack => new()
    {
        { "etc/netplan/50-cloud-init.yaml", """
            network:
              version: 2
              ethernets:
                nic1:
                  match: {macaddress: "fa:16:3e:00:00:03"}
                  set-name: ens4
                  addresses: [100.64.2.10/24]
                  routes:
                    - {to: 100.100.0.0/16, via: 100.64.2.9}
                    - {to: default, via: 100.64.2.1, table: 7}
                    - {to: default, via: 100.64.2.1, metric: 200}
            """ },
        { "etc/netplan/60-static.yaml", """
            network:
              ethernets:
                ens4:
                  addresses:
                    - 100.64.2.10/24: {lifetime: forever}
                  gateway4: 100.64.2.1
            """ },
        { "etc/systemd/network/10-ens4.network", """
            [Match]
            MACAddress=fa:16:3e:00:00:03

            [Address]
            Address=100.64.2.10/24

            [Route]
            Destination=100.100.0.0/16
            Gateway=100.64.2.9

            [Route]
            Gateway=100.64.2.1
            """ },
        { "etc/NetworkManager/system-connections/ens4.nmconnection", """
            [connection]
            id=ens4
            interface-name=ens4

            [ipv4]
            method=manual
            address1=100.64.2.10/24,100.64.2.1
            never-default=true
            """ },
        { "etc/sysconfig/network-scripts/ifcfg-ens4", """
            DEVICE=ens4
            BOOTPROTO=none
            IPADDR=100.64.2.10
            PREFIX=24
            GATEWAY=100.64.2.1
            DEFROUTE=no
            """ },
        { "etc/network/interfaces", """
            auto ens4
            iface ens4 inet static
                address 100.64.2.10/24
                mtu 1500
                gateway 100.64.2.1
            iface ens5 inet static
                address 100.64.3.10/24
                gateway 100.64.3.1
            """ },
    };

    [Theory]
    [MemberData(nameof(EveryStack))]
    public void Each_stack_names_the_gateway_of_the_static_address_the_kernel_has(string file, string content)
    {
        _root.With(file, content);

        var found = Find();

        Assert.Equal(new ConfiguredGateway(IPAddress.Parse("100.64.2.1"), "/" + file), found);
        Assert.Null(Find(IPAddress.Parse("100.64.2.11")));
    }

    [Fact]
    public void A_dhcp_configuration_or_another_address_names_no_gateway()
    {
        _root.With("etc/sysconfig/network-scripts/ifcfg-ens4", "DEVICE=ens4\nBOOTPROTO=dhcp\nIPADDR=100.64.2.10\nGATEWAY=100.64.2.1\n")
            .With("etc/NetworkManager/system-connections/ens4.nmconnection", "[connection]\ninterface-name=ens4\n[ipv4]\nmethod=auto\naddress1=100.64.2.10/24,100.64.2.1\n")
            .With("etc/network/interfaces", "iface ens4 inet static\n  address 100.64.2.99/24\n  gateway 100.64.2.1\n");

        Assert.Null(Find());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("100.64.2")]
    [InlineData("100.64.2.1/24")]
    [InlineData("fe80::1")]
    [InlineData("100.64.2.1\u001b[2J")]
    public void A_gateway_that_is_no_dotted_quad_is_none(string gateway)
    {
        _root.With("etc/sysconfig/network-scripts/ifcfg-ens4", $"DEVICE=ens4\nIPADDR=100.64.2.10\nGATEWAY={gateway}\n")
            .With("etc/systemd/network/10-ens4.network", $"[Match]\nName=ens4\n[Network]\nAddress=100.64.2.10/24\nGateway={gateway}\n");

        Assert.Null(Find());
    }

    [Fact]
    public void Networkd_uses_the_first_matching_file_only_as_networkd_does()
    {
        _root.With("etc/systemd/network/05-all.network", "[Match]\nName=ens*\n[Network]\nDHCP=yes\n")
            .With("etc/systemd/network/10-ens4.network", "[Match]\nName=ens4\n[Network]\nAddress=100.64.2.10/24\nGateway=100.64.2.1\n");

        Assert.Null(Find());
    }

    [Fact]
    public void An_ifupdown_stanza_ends_at_the_next_stanza_so_its_gateway_is_not_anothers()
    {
        _root.With("etc/network/interfaces", "iface ens4 inet static\n  address 100.64.2.10/24\nauto ens5\niface ens5 inet dhcp\n  gateway 100.64.2.1\n");

        Assert.Null(Find());
    }
}
