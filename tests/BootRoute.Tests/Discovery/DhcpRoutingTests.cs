using System.Net;
using BootRoute.Discovery;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>The one RFC 3442 rule every lease parser hands its options to.</summary>
public class DhcpRoutingTests
{
    private static readonly IPAddress Router = IPAddress.Parse("100.64.1.254");

    private static ClasslessStaticRoute Route(string destination, string gateway) =>
        new(IPNetwork.Parse(destination), IPAddress.Parse(gateway));

    [Fact]
    public void Without_classless_routes_the_first_router_is_the_gateway()
    {
        var routing = DhcpRouting.Resolve(Router, null, null);

        Assert.Equal(Router, routing.Gateway);
        Assert.Empty(routing.ClasslessRoutes);
    }

    [Fact]
    public void Option_121_default_route_beats_the_routers()
    {
        List<ClasslessStaticRoute> option121 = [Route("169.254.169.254/32", "100.64.1.2"), Route("0.0.0.0/0", "100.64.1.1")];

        var routing = DhcpRouting.Resolve(Router, option121, null);

        Assert.Equal(IPAddress.Parse("100.64.1.1"), routing.Gateway);
        Assert.Equal(option121, routing.ClasslessRoutes);
    }

    [Fact]
    public void Option_121_without_a_default_route_leaves_no_gateway_even_with_routers()
    {
        List<ClasslessStaticRoute> option121 = [Route("10.0.0.0/8", "100.64.1.1")];

        var routing = DhcpRouting.Resolve(Router, option121, null);

        Assert.Null(routing.Gateway);
        Assert.Equal(option121, routing.ClasslessRoutes);
    }

    [Fact]
    public void An_empty_option_121_still_overrules_the_routers()
    {
        var routing = DhcpRouting.Resolve(Router, [], null);

        Assert.Null(routing.Gateway);
        Assert.Empty(routing.ClasslessRoutes);
    }

    [Fact]
    public void Option_249_counts_only_without_121()
    {
        List<ClasslessStaticRoute> option121 = [Route("0.0.0.0/0", "100.64.1.1")];
        List<ClasslessStaticRoute> option249 = [Route("0.0.0.0/0", "100.64.1.9"), Route("198.51.100.0/24", "100.64.1.9")];

        var with121 = DhcpRouting.Resolve(Router, option121, option249);
        var only249 = DhcpRouting.Resolve(Router, null, option249);

        Assert.Equal(IPAddress.Parse("100.64.1.1"), with121.Gateway);
        Assert.Equal(option121, with121.ClasslessRoutes);
        Assert.Equal(IPAddress.Parse("100.64.1.9"), only249.Gateway);
        Assert.Equal(option249, only249.ClasslessRoutes);
    }

    [Fact]
    public void No_routers_and_no_classless_routes_give_no_gateway()
    {
        var routing = DhcpRouting.Resolve(null, null, null);

        Assert.Null(routing.Gateway);
        Assert.Empty(routing.ClasslessRoutes);
    }
}
