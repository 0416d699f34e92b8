using System.Net.NetworkInformation;
using System.Net;
using BootRoute.Model;
using BootRoute.Settings;

namespace BootRoute.Tests.Planning;

/// <summary>
/// Builds the state a two-NIC OpenStack instance shows after dhclient has run on ens3 then ens4:
/// both addresses dynamic, the main default via ens3 (ens4's add failed with EEXIST).
/// </summary>
internal sealed class SampleHost
{
    private readonly List<Link> links = [new(1, "lo", null, 65536, true, true, null, null)];
    private readonly List<InterfaceAddress> addresses = [];
    private readonly List<Route> routes = [];
    private readonly List<PolicyRule> rules =
    [
        new(0, null, RoutingTables.Local, RouteProtocols.Kernel),
        new(32766, null, RoutingTables.Main, RouteProtocols.Kernel),
        new(32767, null, RoutingTables.Default, RouteProtocols.Kernel),
    ];
    private readonly List<Lease> leases = [];

    public static SampleHost TwoNics()
    {
        var host = new SampleHost()
            .Nic("ens3", "100.64.1.10", 24, "100.64.1.1")
            .Nic("ens4", "100.64.2.10", 24, "100.64.2.1");
        host.routes.Add(new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Boot));
        return host;
    }

    public SampleHost Nic(string name, string address, int prefix, string? gateway, IReadOnlyList<ClasslessStaticRoute>? classless = null)
    {
        int index = links.Count + 1;
        links.Add(new Link(index, name, PhysicalAddress.Parse($"fa-16-3e-00-00-{index:x2}"), 1500, true, false, null, null));
        var ip = IPAddress.Parse(address);
        addresses.Add(new InterfaceAddress(index, name, ip, prefix, RouteScope.Universe, IsDynamic: true, IsSecondary: false));
        routes.Add(new Route(RoutingTables.Main, new IPNetwork(ip, prefix).Normalize(), name, PreferredSource: ip,
            Scope: RouteScope.Link, Protocol: RouteProtocols.Kernel));
        leases.Add(new Lease(name, ip, prefix, gateway is null ? null : IPAddress.Parse(gateway), classless ?? [],
            $"dhclient:/var/lib/dhcp/dhclient.{name}.leases"));
        return this;
    }

    public SampleHost SecondaryAddress(string name, string address, int prefix)
    {
        var link = links.Single(link => link.Name == name);
        addresses.Add(new InterfaceAddress(link.Index, name, IPAddress.Parse(address), prefix, RouteScope.Universe, false, true));
        return this;
    }

    public SampleHost Link(string name, string? kind = null)
    {
        links.Add(new Link(links.Count + 1, name, null, 1500, true, false, kind, null));
        return this;
    }

    public SampleHost WithRoute(Route route)
    {
        routes.Add(route);
        return this;
    }

    public SampleHost WithoutRoute(Func<Route, bool> match)
    {
        routes.RemoveAll(route => match(route));
        return this;
    }

    public SampleHost WithRule(PolicyRule rule)
    {
        rules.Add(rule);
        return this;
    }

    public SampleHost WithoutLease(string name)
    {
        leases.RemoveAll(lease => lease.Interface == name);
        return this;
    }

    /// <summary>The NIC configured without DHCP: its addresses permanent, and no lease file for it.</summary>
    public SampleHost Static(string name)
    {
        for (int i = 0; i < addresses.Count; i++)
        {
            if (addresses[i].InterfaceName == name)
            {
                addresses[i] = addresses[i] with { IsDynamic = false };
            }
        }
        return WithoutLease(name);
    }

    public SampleHost WithLease(Lease lease)
    {
        leases.Add(lease);
        return this;
    }

    private FamilyState ipv6 = FamilyState.Empty;

    /// <summary>Dual stack: a SLAAC address in 2001:db8:&lt;n&gt;::/64 on NIC n and its router fe80::&lt;n&gt;'s default in main.</summary>
    public SampleHost WithSlaac()
    {
        var nics = links.Where(link => !link.IsLoopback).ToList();
        ipv6 = new FamilyState(
            [.. nics.Select((link, n) => new InterfaceAddress(link.Index, link.Name, IPAddress.Parse($"2001:db8:{n + 1}::10"), 64, RouteScope.Universe, IsDynamic: true))],
            [.. nics.Select((link, n) => new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv6, link.Name, IPAddress.Parse($"fe80::{n + 1}"),
                Protocol: RouteProtocols.RouterAdvertisement, Metric: 1024))],
            []);
        return this;
    }

    public HostSnapshot Snapshot => new(links.ToList(), addresses.ToList(), routes.ToList(), rules.ToList()) { IPv6 = ipv6 };

    public IReadOnlyList<Lease> Leases => leases.ToList();

    public static AgentSettings Automatic => AgentSettings.Defaults;

    public static AgentSettings Configured(params InterfaceSelection[] interfaces) => AgentSettings.Defaults with { Interfaces = interfaces };
}
