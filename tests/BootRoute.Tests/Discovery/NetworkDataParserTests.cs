using System.Net.NetworkInformation;
using BootRoute.Discovery.OpenStack;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

public sealed class NetworkDataParserTests
{
    private const string File = "/mnt/config/openstack/latest/network_data.json";

    internal static Link Nic(int index, string name, string mac, string? kind = null, int? master = null) =>
        new(index, name, PhysicalAddress.Parse(mac), 1500, true, false, kind, master);

    internal static readonly Link[] Nics =
    [
        new(1, "lo", null, 65536, true, true, null, null),
        Nic(2, "ens3", "fa-16-3e-dd-50-9a"),
        Nic(3, "ens4", "fa-16-3e-a8-14-69"),
    ];

    private static string Fixture(string name) =>
        System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "openstack", name));

    private static string Describe(Lease l) =>
        $"{l.Interface} {l.Address}/{l.PrefixLength} via {l.Gateway?.ToString() ?? "-"}"
        + string.Concat(l.ClasslessStaticRoutes.Select(r => $" {r.Destination}>{r.Gateway}"));

    [Fact]
    public void Static_subnets_give_address_prefix_and_gateway()
    {
        var result = NetworkDataParser.Parse(Fixture("static-two-nics.json"), File, Nics);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["ens3 203.0.113.10/29 via 203.0.113.9", "ens4 198.51.100.24/27 via -"], result.Leases.Select(Describe));
        Assert.All(result.Leases, l => Assert.Equal($"openstack:{File}", l.Source));
        Assert.All(result.Leases, l => Assert.Null(l.Expiry));
    }

    [Fact]
    public void Host_routes_become_classless_routes_and_mac_case_is_ignored()
    {
        var result = NetworkDataParser.Parse(Fixture("static-dual-stack-host-route.json"), File, Nics);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            ["ens3 100.64.48.18/25 via 100.64.48.1", "ens4 100.65.48.13/25 via 100.65.48.1 100.65.0.0/16>100.65.48.1"],
            result.Leases.Select(Describe));
    }

    [Fact]
    public void Dhcp_subnets_give_no_lease_and_unknown_macs_are_reported()
    {
        Link[] nics = [Nic(2, "ens3", "fa-16-3e-69-b0-58"), Nic(3, "ens4", "FA-16-3E-D4-57-AD")];

        var result = NetworkDataParser.Parse(Fixture("dhcp-only.json"), File, nics);

        Assert.Empty(result.Leases);
        Assert.Equal([$"{File}: links[2] (tap1a5382f8-04): no interface has MAC fa:16:3e:05:30:fe; its networks are skipped"], result.Diagnostics);
    }

    /// <summary>Found by the property tests: a lone surrogate made JsonDocument throw ArgumentException,
    /// which escaped the parser instead of becoming its "invalid JSON" diagnostic.</summary>
    [Fact]
    public void A_lone_surrogate_is_invalid_json()
    {
        var result = NetworkDataParser.Parse("{\"links\": [\"\udf06\"]}", File, Nics);

        Assert.Empty(result.Leases);
        Assert.StartsWith($"{File}: invalid JSON: ", Assert.Single(result.Diagnostics), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{", $"{File}: invalid JSON: ")]
    [InlineData("[]", $"{File}: must be a JSON object with links and networks, not a list")]
    [InlineData("{\"networks\": []}", $"{File}: has no links")]
    [InlineData("{\"links\": 5, \"networks\": []}", $"{File}: links: must be a list, not the number 5")]
    [InlineData("{\"links\": [7], \"networks\": []}", $"{File}: links[0]: must be an object, not the number 7")]
    [InlineData("{\"links\": [{\"id\": \"a\", \"ethernet_mac_address\": 1}], \"networks\": []}", $"{File}: links[0]: ethernet_mac_address must be a string, not the number 1")]
    [InlineData("{\"links\": [{\"id\": \"a\", \"ethernet_mac_address\": \"fa16.3edd.509a\"}], \"networks\": []}", $"{File}: links[0] (a): ethernet_mac_address must be a MAC address such as fa:16:3e:00:00:04, not \"fa16.3edd.509a\"")]
    [InlineData("{\"links\": [], \"networks\": [{\"id\": \"n0\", \"type\": \"ipv4\", \"link\": \"x\"}]}", $"{File}: networks[0] (n0): link \"x\" is not in links")]
    [InlineData("{\"links\": [], \"networks\": [{\"id\": \"n0\", \"link\": \"x\"}]}", $"{File}: networks[0]: has no type")]
    public void Malformed_documents_become_diagnostics(string json, string expected)
    {
        var result = NetworkDataParser.Parse(json, File, Nics);

        Assert.Empty(result.Leases);
        Assert.StartsWith(expected, Assert.Single(result.Diagnostics), StringComparison.Ordinal);
    }

    private const string Link0 = "{\"id\": \"l0\", \"ethernet_mac_address\": \"fa:16:3e:dd:50:9a\"}";

    [Theory]
    [InlineData("\"ip_address\": \"203.0.113.300\", \"netmask\": \"255.255.255.0\"", "networks[0] (n0): ip_address must be an IPv4 address, not \"203.0.113.300\"")]
    [InlineData("\"ip_address\": \"203.0.113.10\", \"netmask\": \"255.0.255.0\"", "networks[0] (n0): netmask must be a netmask such as 255.255.255.0, not \"255.0.255.0\"")]
    [InlineData("\"ip_address\": \"203.0.113.10\"", "networks[0] (n0): has no netmask")]
    [InlineData("\"ip_address\": \"203.0.113.10\", \"netmask\": \"255.255.255.0\", \"routes\": {}", "networks[0].routes: must be a list, not an object")]
    public void Bad_static_networks_are_skipped_with_a_reason(string members, string expected)
    {
        string json = $"{{\"links\": [{Link0}], \"networks\": [{{\"id\": \"n0\", \"type\": \"ipv4\", \"link\": \"l0\", {members}}}]}}";

        var result = NetworkDataParser.Parse(json, File, Nics);

        Assert.Equal($"{File}: {expected}", Assert.Single(result.Diagnostics));
    }

    [Fact]
    public void A_bad_route_is_skipped_but_the_lease_stays()
    {
        string json = $$"""
            {"links": [{{Link0}}], "networks": [{"id": "n0", "type": "ipv4", "link": "l0", "ip_address": "203.0.113.10", "netmask": "255.255.255.0",
              "routes": [{"network": "0.0.0.0", "netmask": "0.0.0.0", "gateway": "203.0.113.1"}, {"network": "192.0.2.0", "netmask": "255.255.255.0"}]}]}
            """;

        var result = NetworkDataParser.Parse(json, File, Nics);

        Assert.Equal(["ens3 203.0.113.10/24 via 203.0.113.1"], result.Leases.Select(Describe));
        Assert.Equal($"{File}: networks[0].routes[1]: has no gateway", Assert.Single(result.Diagnostics));
    }

    [Fact]
    public void A_second_fixed_ip_on_the_same_nic_is_reported_and_the_first_kept()
    {
        string json = $$"""
            {"links": [{{Link0}}], "networks": [
              {"id": "n0", "type": "ipv4", "link": "l0", "ip_address": "203.0.113.10", "netmask": "255.255.255.0"},
              {"id": "n1", "type": "ipv4", "link": "l0", "ip_address": "203.0.113.11", "netmask": "255.255.255.0"}]}
            """;

        var result = NetworkDataParser.Parse(json, File, Nics);

        Assert.Equal(["ens3 203.0.113.10/24 via -"], result.Leases.Select(Describe));
        Assert.Equal($"{File}: networks[1] (n1): ens3 already has 203.0.113.10 from n0; 203.0.113.11 is ignored", Assert.Single(result.Diagnostics));
    }

    [Fact]
    public void Bond_slaves_sharing_the_mac_are_not_candidates()
    {
        Link[] nics = [Nic(2, "eth0", "fa-16-3e-b3-72-36", master: 4), Nic(3, "eth1", "fa-16-3e-b3-72-36", master: 4), Nic(4, "bond0", "fa-16-3e-b3-72-36", kind: "bond")];
        string json = """
            {"links": [{"id": "bond0", "type": "bond", "ethernet_mac_address": "fa:16:3e:b3:72:36"}],
             "networks": [{"id": "n0", "type": "ipv4", "link": "bond0", "ip_address": "203.0.113.13", "netmask": "255.255.255.248"}]}
            """;

        var result = NetworkDataParser.Parse(json, File, nics);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("bond0", Assert.Single(result.Leases).Interface);
    }
}
