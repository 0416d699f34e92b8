using System.Net.NetworkInformation;
using System.Text.RegularExpressions;
using BootRoute.Discovery.OpenStack;
using BootRoute.Model;
using CsCheck;
using Xunit;

namespace BootRoute.Tests.Properties;

/// <summary>nova's network_data.json from the config drive or the metadata service.</summary>
public sealed partial class OpenStackProperties
{
    private const string Path = "/run/bootroute/configdrive/openstack/latest/network_data.json";

    private static readonly Gen<string> Files = Gen.Frequency(
        (3, Hostile.Mutated(Gen.OneOf(Fixtures.Texts("openstack", "*.json")))),
        (3, Hostile.Mutated(LeaseModel.Any.Select(m => NetworkData(m, "fa:16:3e:00:00:04")))),
        (1, Gen.Int[1, 5_000].Select(n => "{\"links\":" + new string('[', n) + new string(']', n) + "}")),
        (1, Gen.Select(LeaseModel.Any, Hostile.Fragment, NetworkData)),
        (1, Hostile.Noise));

    [Fact]
    public void Any_file_gives_leases_within_bounds_or_diagnostics_and_never_throws() =>
        Files.Sample(text => Hostile.InBoundedTime(() =>
        {
            var result = NetworkDataParser.Parse(text, Path, LinksFor(text));
            foreach (var lease in result.Leases)
            {
                LeaseBounds.Check(lease, result.Diagnostics);
            }
            LeaseBounds.Check(null, result.Diagnostics);
        }), iter: 1_500);

    [Fact]
    public void A_written_static_network_reads_back_as_written() =>
        LeaseModel.Any.Sample(model =>
        {
            const string mac = "fa:16:3e:00:00:04";
            var result = NetworkDataParser.Parse(NetworkData(model, mac), Path, [Nic(model.Interface, mac)]);
            var lease = Assert.Single(result.Leases);
            Assert.Equal(model.Address, lease.Address);
            Assert.Equal(model.Prefix, lease.PrefixLength);
            Assert.Equal(model.Router, lease.Gateway);
            Assert.Equal(model.Routes?.Where(r => r.Destination.PrefixLength > 0) ?? [], lease.ClasslessStaticRoutes);
        }, iter: 300);

    /// <summary>nova's layout: the router as a 0.0.0.0/0 route first, then the host routes.</summary>
    private static string NetworkData(LeaseModel model, string mac)
    {
        var routes = (model.Router is null ? [] : new[] { $"{{\"network\":\"0.0.0.0\",\"netmask\":\"0.0.0.0\",\"gateway\":\"{model.Router}\"}}" })
            .Concat((model.Routes ?? []).Where(r => r.Destination.PrefixLength > 0).Select(r =>
                $"{{\"network\":\"{r.Destination.BaseAddress}\",\"netmask\":\"{LeaseModel.Address4(LeaseModel.Mask(r.Destination.PrefixLength))}\",\"gateway\":\"{r.Gateway}\"}}"));
        return $$"""
            {"links":[{"id":"tap1","type":"ovs","ethernet_mac_address":"{{mac}}","mtu":1500}],
             "networks":[{"id":"network0","type":"ipv4","link":"tap1","ip_address":"{{model.Address}}","netmask":"{{model.Netmask}}",
               "routes":[{{string.Join(',', routes)}}]}],
             "services":[]}
            """;
    }

    /// <summary>A NIC for every MAC the text names, so the mutated files reach their networks.</summary>
    private static List<Link> LinksFor(string text) =>
        MacPattern().Matches(text).Select((m, i) => Nic($"ens{i + 3}", m.Value)).DistinctBy(l => l.MacAddress).ToList();

    private static Link Nic(string name, string mac) =>
        new(2, name, PhysicalAddress.Parse(mac.Replace(':', '-').ToUpperInvariant()), 1500, IsUp: true, IsLoopback: false);

    [GeneratedRegex("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}")]
    private static partial Regex MacPattern();
}
