using System.Net;
using BootRoute.Discovery;
using BootRoute.Discovery.OpenStack;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>OpenStack's <c>ipv6*</c> networks, from cloud-init's own test data (see Fixtures/openstack/README.md).</summary>
public sealed class NetworkDataIPv6Tests
{
    private const string File = "/mnt/config/openstack/latest/network_data.json";

    private static string Fixture(string name) =>
        System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "openstack", name));

    private static string Describe(IPv6Lease lease) => $"{lease.Interface} {lease.Address}/{lease.PrefixLength} via {lease.Router?.ToString() ?? "-"}";

    [Fact]
    public void A_static_ipv6_network_gives_its_address_its_mask_as_a_prefix_and_its_default_gateway()
    {
        var result = NetworkDataParser.Parse(Fixture("static-dual-stack-host-route.json"), File, NetworkDataParserTests.Nics);

        Assert.Empty(result.Diagnostics);
        var lease = Assert.Single(result.IPv6);
        Assert.Equal("ens3 2001:db8:9d14:0:f816:3eff:fe9f:70d/64 via 2001:db8:9d14::1", Describe(lease));
        Assert.Equal($"openstack:{File}", lease.Source);
        Assert.Equal(2, result.Leases.Count);
    }

    [Fact]
    public void An_empty_netmask_is_64_as_cloud_init_reads_it_and_every_prefix_of_the_nic_is_kept()
    {
        Link[] nics = [NetworkDataParserTests.Nic(2, "ens3", "fa-16-3e-ed-9a-59")];

        var result = NetworkDataParser.Parse(Fixture("static-ipv6-three-prefixes.json"), File, nics);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["ens3 2001:db8::10/64 via 2001:db8::1", "ens3 2001:db8:9::10/64 via -", "ens3 2001:db8:10::10/64 via -"], result.IPv6.Select(Describe));
        Assert.Equal("100.64.1.34", Assert.Single(result.Leases).Address.ToString());
    }

    [Fact]
    public void Slaac_and_dhcpv6_networks_without_an_address_give_nothing_and_say_nothing()
    {
        Link[] nics = [NetworkDataParserTests.Nic(2, "ens3", "fa-16-3e-69-b0-58"), NetworkDataParserTests.Nic(3, "ens4", "fa-16-3e-d4-57-ad")];

        var result = NetworkDataParser.Parse(Fixture("dhcpv6-stateless-stateful.json"), File, nics);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.IPv6);
        Assert.Empty(result.Leases);
    }

    private const string Link0 = "{\"id\": \"l0\", \"ethernet_mac_address\": \"fa:16:3e:dd:50:9a\"}";

    private static LeaseReadResult Parse(string ipv6Members) => NetworkDataParser.Parse(
        $$"""
        {"links": [{{Link0}}], "networks": [
          {"id": "n0", "type": "ipv4", "link": "l0", "ip_address": "203.0.113.10", "netmask": "255.255.255.0",
           "routes": [{"network": "0.0.0.0", "netmask": "0.0.0.0", "gateway": "203.0.113.1"}]},
          {"id": "n1", "type": "ipv6_slaac", "link": "l0", {{ipv6Members}}}]}
        """, File, NetworkDataParserTests.Nics);

    [Theory]
    [InlineData("\"ip_address\": \"2001:db8::10/48\"", "ens3 2001:db8::10/48 via -")]
    [InlineData("\"ip_address\": \"2001:db8::10\", \"netmask\": \"ffff:ffff:ffff:ff00::\", \"routes\": [{\"network\": \"::\", \"netmask\": \"0\", \"gateway\": \"fe80::1\"}]", "ens3 2001:db8::10/56 via fe80::1")]
    [InlineData("\"ip_address\": \"2001:db8::10\", \"netmask\": null, \"routes\": [{\"network\": \"2001:db8:5::\", \"netmask\": \"ffff:ffff:ffff:ffff::\", \"gateway\": \"2001:db8::5\"}]", "ens3 2001:db8::10/64 via -")]
    public void Addresses_prefixes_and_gateways_are_read_in_every_form_nova_and_cloud_init_know(string members, string expected)
    {
        var result = Parse(members);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(expected, Describe(Assert.Single(result.IPv6)));
    }

    [Theory]
    [InlineData("\"ip_address\": \"fe80::10\"", "networks[1] (n1): ip_address must be a global IPv6 address, not \"fe80::10\"")]
    [InlineData("\"ip_address\": \"203.0.113.11\"", "networks[1] (n1): ip_address must be a global IPv6 address, not \"203.0.113.11\"")]
    [InlineData("\"ip_address\": \"2001:db8::10%ens3\"", "networks[1] (n1): ip_address must be a global IPv6 address, not \"2001:db8::10%ens3\"")]
    [InlineData("\"ip_address\": \"2001:db8::10\", \"netmask\": \"ffff:0:ffff::\"", "networks[1] (n1): netmask must be an IPv6 netmask such as ffff:ffff:ffff:ffff:: or a prefix length from 1 to 128, not \"ffff:0:ffff::\"")]
    [InlineData("\"ip_address\": \"2001:db8::10/129\"", "networks[1] (n1): ip_address's prefix must be an IPv6 netmask such as ffff:ffff:ffff:ffff:: or a prefix length from 1 to 128, not \"129\"")]
    [InlineData("\"ip_address\": \"2001:db8::10\", \"netmask\": 64", "networks[1] (n1): netmask must be a string, not the number 64")]
    [InlineData("\"ip_address\": 7", "networks[1] (n1): ip_address must be a string, not the number 7")]
    public void Bad_ipv6_data_is_one_line_naming_the_file_and_costs_the_nic_no_ipv4(string members, string expected)
    {
        var result = Parse(members);

        Assert.Equal($"{File}: {expected}", Assert.Single(result.Diagnostics));
        Assert.Empty(result.IPv6);
        Assert.Equal(IPAddress.Parse("203.0.113.1"), Assert.Single(result.Leases).Gateway);
    }

    [Fact]
    public void A_bad_gateway_drops_the_gateway_not_the_address()
    {
        var result = Parse("\"ip_address\": \"2001:db8::10\", \"routes\": [{\"network\": \"::\", \"netmask\": \"::\", \"gateway\": \"not-an-address\"}]");

        Assert.Equal($"{File}: networks[1].routes[0]: gateway must be an IPv6 address, not \"not-an-address\"", Assert.Single(result.Diagnostics));
        Assert.Equal("ens3 2001:db8::10/64 via -", Describe(Assert.Single(result.IPv6)));
    }
}
