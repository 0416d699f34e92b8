using System.Net;
using BootRoute.Model;
using BootRoute.Native;
using BootRoute.Netlink;
using BootRoute.Planning;

namespace BootRoute.Apply;

/// <summary>
/// Test knobs read from the environment (documented in docs/operations.md; they are not settings):
/// <c>BOOTROUTE_INJECT_FAULT=N</c> makes the Nth operation of the run fail as if the kernel refused it
/// (once: an apply that holds the NIC it was for and tries again counts on from there), and
/// <c>BOOTROUTE_INJECT_DELAY_MS=M</c> sleeps M ms before every operation, so rollback, kill -9 and
/// lock contention can be exercised against the real kernel. <c>BOOTROUTE_INJECT_IPV6_ROUTER=fe80::…</c>
/// sends every IPv6 route BootRoute adds to its own tables via that router instead: the kernel accepts
/// it, and the primary's IPv6 path is cut the way a wrong gateway cuts IPv4's (IPv6 has no gateway
/// setting a lab could get wrong), so the rollback guard's IPv6 probe can be proved.
/// </summary>
public sealed class EnvironmentFaultInjector : IFaultInjector
{
    public const string FaultVariable = "BOOTROUTE_INJECT_FAULT";
    public const string DelayVariable = "BOOTROUTE_INJECT_DELAY_MS";
    public const string IPv6RouterVariable = "BOOTROUTE_INJECT_IPV6_ROUTER";

    private readonly int? _failAt;
    private readonly int _delayMilliseconds;
    private readonly IPAddress? _ipv6Router;
    private int _attempted;

    private EnvironmentFaultInjector(int? failAt, int delayMilliseconds, IPAddress? ipv6Router = null)
    {
        _failAt = failAt;
        _delayMilliseconds = delayMilliseconds;
        _ipv6Router = ipv6Router;
    }

    /// <summary>
    /// Null when neither variable is set, so ordinary runs carry no hook at all; and always null in the
    /// shipped binary: the variables are read only by the test build (<c>-p:BootRouteTestHooks=true</c>,
    /// which tests/test.sh makes for the lab), so a stray line in /etc/default/bootroute can never make
    /// a boot fail.
    /// </summary>
    public static EnvironmentFaultInjector? FromEnvironment()
    {
#if BOOTROUTE_TEST_HOOKS
        int? failAt = int.TryParse(Environment.GetEnvironmentVariable(FaultVariable), out int n) && n > 0 ? n : null;
        int delay = int.TryParse(Environment.GetEnvironmentVariable(DelayVariable), out int m) && m > 0 ? m : 0;
        var router = IPAddress.TryParse(Environment.GetEnvironmentVariable(IPv6RouterVariable), out var parsed) && parsed.IsIPv6LinkLocal ? parsed : null;
        return failAt is null && delay == 0 && router is null ? null : new EnvironmentFaultInjector(failAt, delay, router);
#else
        return null;
#endif
    }

    public void BeforeOperation(int number, Operation operation)
    {
        if (_delayMilliseconds > 0)
        {
            Thread.Sleep(_delayMilliseconds);
        }
        // The run's count, not the apply's (number): a second attempt must not be refused at the same place.
        if (++_attempted == _failAt)
        {
            throw new NetlinkException(operation.Kind.ToString(), Errno.EIO, operation.ToIpCommand(), $"injected fault ({FaultVariable}={_failAt})");
        }
    }

    public Operation? Substitute(Operation operation) =>
        _ipv6Router is { } router && operation is RouteAdd { Route: { Table: not RoutingTables.Main, Gateway.IsIPv6LinkLocal: true } route }
            ? new RouteAdd(route with { Gateway = router })
            : operation;
}
