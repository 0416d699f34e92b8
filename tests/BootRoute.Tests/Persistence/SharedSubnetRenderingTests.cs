using System.Net;
using BootRoute.Model;
using BootRoute.Persistence;
using BootRoute.Persistence.Rendering;
using BootRoute.Planning;
using BootRoute.Tests.Planning;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>
/// Two ports on one network: every stack's files name the <c>from &lt;address&gt; to &lt;subnet&gt;</c>
/// rules too, so a stack that removes rules its files do not name (networkd) cannot undo them and one
/// that recreates the per-NIC rules at boot recreates these with them.
/// </summary>
public class SharedSubnetRenderingTests
{
    private static readonly RoutingPlan Plan = PersistenceSamples.Plan(new SampleHost()
        .Nic("ens3", "100.64.1.10", 24, "100.64.1.1")
        .Nic("ens4", "100.64.1.11", 24, "100.64.1.1")
        .WithRoute(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Boot)));

    private static string Content(Rendering rendering, string path) =>
        Assert.Single(rendering.Files, file => file.Path == path) switch
        {
            OwnedFile owned => owned.Content,
            FileBlock block => block.Body,
            _ => throw new InvalidOperationException(),
        };

    [Fact]
    public void Netplan_routing_policy_has_the_to_rule()
    {
        var rendering = NetplanRenderer.Render(Plan, [new NetplanTarget("ens4", "test", "ens4", "ethernets", Dhcp6: false)]);

        Assert.Contains("        - from: 100.64.1.11\n          to: 100.64.1.0/24\n          table: 102\n          priority: 99\n",
            Content(rendering, Paths.Stacks.NetplanFile), StringComparison.Ordinal);
    }

    [Fact]
    public void Networkd_drop_in_has_a_routing_policy_rule_with_to()
    {
        var rendering = NetworkdRenderer.Render(Plan, [new NetworkdTarget("ens4", "test", "10-netplan-ens4.network")]);

        Assert.Contains("[RoutingPolicyRule]\nFrom=100.64.1.11/32\nTo=100.64.1.0/24\nTable=102\nPriority=99\n",
            Content(rendering, "/etc/systemd/network/10-netplan-ens4.network.d/90-bootroute.conf"), StringComparison.Ordinal);
    }

    [Fact]
    public void NetworkManager_routing_rule_has_to()
    {
        const string path = "/etc/NetworkManager/system-connections/ens4.nmconnection";
        var rendering = NetworkManagerRenderer.Render(Plan, [new NetworkManagerTarget("ens4", "test", path, ProfileFormat.Keyfile)],
            new Dictionary<string, string?> { [path] = "[ipv4]\nmethod=auto\n" });

        Assert.Contains("=priority 99 from 100.64.1.11 to 100.64.1.0/24 table 102\n", Content(rendering, path), StringComparison.Ordinal);
    }

    [Fact]
    public void Ifupdown_and_ifcfg_add_the_rule_with_ip_rule()
    {
        var ifupdown = IfupdownRenderer.Render(Plan, [new IfupdownTarget("ens4", "test", Paths.Stacks.IfupdownStanzaFile, Dhclient: true, Dhcpcd: false)]);
        var ifcfg = IfcfgRenderer.Render(Plan, [new IfcfgTarget("ens4", "test", "/etc/sysconfig/network-scripts/ifcfg-ens4")]);

        Assert.Contains(ifupdown.Files, file => file is OwnedFile owned
            && owned.Content.Contains("post-up ip rule add priority 99 from 100.64.1.11 to 100.64.1.0/24 lookup 102 proto ", StringComparison.Ordinal)
            && owned.Content.Contains("pre-down ip rule del priority 99 from 100.64.1.11 to 100.64.1.0/24 lookup 102 proto ", StringComparison.Ordinal));
        Assert.Contains("priority 99 from 100.64.1.11 to 100.64.1.0/24 lookup 102 proto ",
            Content(ifcfg, "/etc/sysconfig/network-scripts/rule-ens4"), StringComparison.Ordinal);
    }
}
