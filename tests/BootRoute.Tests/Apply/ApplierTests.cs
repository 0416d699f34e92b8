using System.Net;
using BootRoute.Apply;
using BootRoute.Model;
using BootRoute.Netlink;
using BootRoute.Planning;
using Moq;
using Xunit;

namespace BootRoute.Tests.Apply;

public class ApplierTests
{
    private static readonly Route Connected = new(101, IPNetwork.Parse("100.64.1.0/24"), "ens3",
        PreferredSource: IPAddress.Parse("100.64.1.10"), Scope: RouteScope.Link);
    private static readonly Route Default = new(101, IPNetworkExtensions.DefaultIPv4, "ens3", IPAddress.Parse("100.64.1.1"));
    private static readonly PolicyRule Rule = new(101, IPNetwork.Parse("100.64.1.10/32"), 101);

    [Fact]
    public void Applies_in_order_and_flushes_the_route_cache_once()
    {
        var calls = new List<string>();
        var netlink = new Mock<INetlink>(MockBehavior.Strict);
        netlink.Setup(kernel => kernel.AddRoute(It.IsAny<Route>())).Callback<Route>(route => calls.Add($"add {route}"));
        netlink.Setup(kernel => kernel.AddRule(It.IsAny<PolicyRule>())).Callback<PolicyRule>(rule => calls.Add($"rule {rule.Priority}"));
        var cache = new Mock<IRouteCache>();

        var result = new Applier(netlink.Object, cache.Object).Apply([new RouteAdd(Connected), new RouteAdd(Default), new RuleAdd(Rule)]);

        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Applied.Count);
        Assert.Equal([$"add {Connected}", $"add {Default}", "rule 101"], calls);
        cache.Verify(flush => flush.Flush(), Times.Once);
    }

    [Fact]
    public void A_refusal_undoes_what_was_done_last_first()
    {
        var calls = new List<string>();
        var netlink = new Mock<INetlink>(MockBehavior.Strict);
        netlink.Setup(kernel => kernel.AddRoute(It.IsAny<Route>())).Callback<Route>(route => calls.Add($"add {route.Destination}"));
        netlink.Setup(kernel => kernel.DeleteRoute(It.IsAny<Route>())).Callback<Route>(route => calls.Add($"del {route.Destination}"));
        netlink.Setup(kernel => kernel.AddRule(It.IsAny<PolicyRule>())).Throws(new NetlinkException("RTNETLINK answers: File exists"));
        var cache = new Mock<IRouteCache>();

        var result = new Applier(netlink.Object, cache.Object).Apply([new RouteAdd(Connected), new RouteAdd(Default), new RuleAdd(Rule)]);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Applied);
        Assert.IsType<RuleAdd>(result.FailedOperation);
        Assert.Contains("File exists", result.Error);
        Assert.Empty(result.RollbackErrors);
        Assert.Equal(["add 100.64.1.0/24", "add 0.0.0.0/0", "del 0.0.0.0/0", "del 100.64.1.0/24"], calls);
    }

    [Fact]
    public void An_unexpected_exception_undoes_what_was_done_and_goes_on()
    {
        var netlink = new Mock<INetlink>();
        netlink.Setup(kernel => kernel.AddRule(Rule)).Throws(new InvalidOperationException("a fault in the encoder"));

        var error = Assert.Throws<InvalidOperationException>(
            () => new Applier(netlink.Object, Mock.Of<IRouteCache>()).Apply([new RouteAdd(Connected), new RouteAdd(Default), new RuleAdd(Rule)]));

        Assert.Equal("a fault in the encoder", error.Message);
        netlink.Verify(kernel => kernel.DeleteRoute(Default));
        netlink.Verify(kernel => kernel.DeleteRoute(Connected));
    }

    [Fact]
    public void An_undo_the_kernel_refuses_is_reported_and_the_rest_still_undone()
    {
        var netlink = new Mock<INetlink>();
        netlink.Setup(kernel => kernel.DeleteRoute(It.Is<Route>(route => route.IsDefault))).Throws(new NetlinkException("RTNETLINK answers: No such process"));
        netlink.Setup(kernel => kernel.AddRule(It.IsAny<PolicyRule>())).Throws(new NetlinkException("RTNETLINK answers: Invalid argument"));

        var result = new Applier(netlink.Object, Mock.Of<IRouteCache>()).Apply([new RouteAdd(Connected), new RouteAdd(Default), new RuleAdd(Rule)]);

        var error = Assert.Single(result.RollbackErrors);
        Assert.Contains("ip route del default via 100.64.1.1", error);
        netlink.Verify(kernel => kernel.DeleteRoute(Connected), Times.Once);
    }

    [Fact]
    public void Nothing_to_do_touches_nothing()
    {
        var netlink = new Mock<INetlink>(MockBehavior.Strict);
        var cache = new Mock<IRouteCache>(MockBehavior.Strict);

        var result = new Applier(netlink.Object, cache.Object).Apply([]);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Every_operation_inverts_to_its_opposite()
    {
        var replaced = Default with { Gateway = IPAddress.Parse("100.64.1.2") };
        Operation[] operations = [new RouteAdd(Connected), new RouteDelete(Connected), new RouteReplace(replaced, Default), new RuleAdd(Rule), new RuleDelete(Rule)];

        Assert.All(operations, operation => Assert.Equal(operation, operation.Inverse().Inverse()));
        Assert.Equal(new RouteReplace(Default, replaced), new RouteReplace(replaced, Default).Inverse());
    }

    [Fact]
    public void Operations_print_as_ip_commands()
    {
        Assert.Equal("ip route add 100.64.1.0/24 dev ens3 table 101 proto 200 scope link src 100.64.1.10", new RouteAdd(Connected).ToIpCommand());
        Assert.Equal("ip route del default via 100.64.1.1 dev ens3 table 101 proto 200", new RouteDelete(Default).ToIpCommand());
        Assert.Equal("ip rule add priority 101 from 100.64.1.10 lookup 101 proto 200", new RuleAdd(Rule).ToIpCommand());
        Assert.Equal("ip rule del priority 100 from all lookup main suppress_prefixlength 0 proto 200",
            new RuleDelete(new PolicyRule(100, null, RoutingTables.Main, SuppressPrefixLength: 0)).ToIpCommand());
    }
}

public class ApplierFaultTests
{
    [Fact]
    public void An_injected_fault_at_the_nth_operation_rolls_back_like_a_kernel_refusal()
    {
        var netlink = new Mock<INetlink>();
        var sysctl = new Mock<BootRoute.Sysctl.ISysctl>();
        var faults = new Mock<IFaultInjector>();
        faults.Setup(hook => hook.BeforeOperation(3, It.IsAny<Operation>())).Throws(new NetlinkException("injected"));
        var rule = new PolicyRule(101, IPNetwork.Parse("100.64.1.10/32"), 101);
        Operation[] operations = [new SysctlSet("net/ipv4/conf/ens3/rp_filter", "2", "1"), new RuleAdd(rule), new RuleDelete(rule)];

        var result = new Applier(netlink.Object, Mock.Of<IRouteCache>(), sysctl.Object, faults.Object).Apply(operations);

        Assert.False(result.Succeeded);
        Assert.IsType<RuleDelete>(result.FailedOperation);
        sysctl.Verify(kernel => kernel.Write("net/ipv4/conf/ens3/rp_filter", "1"));
        netlink.Verify(kernel => kernel.DeleteRule(rule), Times.Once);
    }

    [Fact]
    public void A_substituted_operation_is_what_the_kernel_gets_and_what_the_undo_takes_back()
    {
        var netlink = new Mock<INetlink>();
        var planned = new Route(101, IPNetworkExtensions.DefaultIPv6, "ens3", IPAddress.Parse("fe80::1"), Metric: 1024);
        var wrong = planned with { Gateway = IPAddress.Parse("fe80::dead") };
        var faults = new Mock<IFaultInjector>();
        faults.Setup(hook => hook.Substitute(It.IsAny<Operation>())).Returns((Operation operation) => operation is RouteAdd ? new RouteAdd(wrong) : operation);
        var applier = new Applier(netlink.Object, Mock.Of<IRouteCache>(), faults: faults.Object);

        var result = applier.Apply([new RouteAdd(planned)]);
        applier.Undo(result.Applied);

        netlink.Verify(kernel => kernel.AddRoute(wrong), Times.Once);
        netlink.Verify(kernel => kernel.AddRoute(planned), Times.Never);
        netlink.Verify(kernel => kernel.DeleteRoute(wrong), Times.Once);
    }

    [Fact]
    public void Undoing_the_delete_of_a_router_advertised_default_the_router_already_put_back_is_no_error()
    {
        var netlink = new Mock<INetlink>();
        var advertised = new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv6, "ens4", IPAddress.Parse("fe80::2"), Protocol: RouteProtocols.RouterAdvertisement, Metric: 1024);
        var leased = new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"), Protocol: RouteProtocols.Dhcp);
        netlink.Setup(kernel => kernel.AddRoute(It.IsAny<Route>())).Throws(new NetlinkException("RTM_NEWROUTE", BootRoute.Native.Errno.EEXIST, "route add"));
        var applier = new Applier(netlink.Object, Mock.Of<IRouteCache>());

        var errors = applier.Undo([new RouteDelete(advertised), new RouteDelete(leased)]);

        // Only the DHCP default's undo is refused: an IPv4 route nobody re-adds by itself.
        Assert.StartsWith("undo \"ip route add default via 100.64.2.1 dev ens4", Assert.Single(errors), StringComparison.Ordinal);
        netlink.Verify(kernel => kernel.AddRoute(advertised), Times.Once);
    }
}
