using System.Net;
using System.Net.Sockets;
using BootRoute.Model;
using BootRoute.Netlink;
using BootRoute.Planning;

namespace BootRoute.Verification;

/// <summary>
/// The rollback guard's probes: the primary NIC's way out as the kernel routes it at the time, in each
/// family the plan manages. IPv4: the next hop of <c>verify.lookup_destination</c> from the primary's
/// address, and each IPv4 target. IPv6 (when the plan has an IPv6 half): the router the kernel picks
/// for <see cref="Verifier.IPv6LookupDestination"/> from the primary's IPv6 address, echoed on the
/// link it leaves by, and each IPv6 target. Keys name what is probed, not addresses ("next hop",
/// "IPv6 next hop", "target X"), so a before and an after compare the same path.
/// </summary>
internal sealed class PrimaryPath(INetlink netlink, ProbeAttempts attempts, TimeSpan attemptTimeout)
{
    public const string IPv6NextHop = "IPv6 next hop";

    /// <summary>The route lookups, made first and in order (they share the netlink socket), then every probe at once.</summary>
    public Task<IReadOnlyList<PathCheck>> ProbeAsync(
        RoutingPlan plan, IPAddress lookupDestination, IReadOnlyList<ProbeTarget> targets, CancellationToken cancellationToken)
    {
        var ipv4 = Lookup(plan, lookupDestination, "next hop", targets);
        var ipv6 = plan.IPv6 is { } half ? Lookup(half, Verifier.IPv6LookupDestination, IPv6NextHop, targets) : null;
        return ProbeAllAsync(ipv4, ipv6, cancellationToken);
    }

    private async Task<IReadOnlyList<PathCheck>> ProbeAllAsync(FamilyPath ipv4, FamilyPath? ipv6, CancellationToken cancellationToken)
    {
        var first = ProbeFamilyAsync(ipv4, cancellationToken);
        var second = ipv6 is null ? null : ProbeFamilyAsync(ipv6, cancellationToken);
        var checks = new List<PathCheck>(await first.ConfigureAwait(false));
        if (second is not null)
        {
            checks.AddRange(await second.ConfigureAwait(false));
        }
        return checks;
    }

    private FamilyPath Lookup(RoutingPlan plan, IPAddress destination, string key, IReadOnlyList<ProbeTarget> targets)
    {
        var source = plan.Primary.Address;
        var own = targets.Where(target => target.Address.AddressFamily == source.AddressFamily).ToList();
        try
        {
            return new FamilyPath(plan, destination, key, own, netlink.GetRoute(destination, source), null);
        }
        catch (NetlinkException error)
        {
            return new FamilyPath(plan, destination, key, own, null, error.Message);
        }
    }

    private async Task<IReadOnlyList<PathCheck>> ProbeFamilyAsync(FamilyPath path, CancellationToken cancellationToken)
    {
        var primary = path.Plan.Primary;
        if (path.Lookup is not { } lookup)
        {
            var unreachable = new List<PathCheck> { new(path.Key, false, $"no route from {primary.Address}: {path.Error}") };
            unreachable.AddRange(path.Targets.Select(target => new PathCheck($"target {target}", false, $"no route from {primary.Address}")));
            return unreachable;
        }
        int ingress = path.Plan.Interfaces.FirstOrDefault(nic => nic.Name == lookup.Device)?.LinkIndex ?? 0;
        var nextHop = lookup.Gateway ?? path.Destination;
        // A link-local router is reached on the link the lookup chose: the scope id names it.
        var probed = nextHop.AddressFamily == AddressFamily.InterNetworkV6 && nextHop.IsIPv6LinkLocal
            ? new IPAddress(nextHop.GetAddressBytes(), ingress)
            : nextHop;
        var probes = new List<(string Key, Task<ProbeResult> Result)>
        {
            (path.Key, attempts.ProbeAsync(new Probe(primary.Address, probed, null, ingress, attemptTimeout), cancellationToken)),
        };
        probes.AddRange(path.Targets.Select(target =>
            ($"target {target}", attempts.ProbeAsync(new Probe(primary.Address, target.Address, target.Port, ingress, attemptTimeout), cancellationToken))));
        await Task.WhenAll(probes.Select(probe => probe.Result)).ConfigureAwait(false);
        return probes.Select((probe, index) => new PathCheck(probe.Key, probe.Result.Result.Answered,
                index == 0 ? $"via {nextHop} dev {lookup.Device}: {probe.Result.Result.Detail}" : probe.Result.Result.Detail))
            .ToList();
    }

    private sealed record FamilyPath(
        RoutingPlan Plan, IPAddress Destination, string Key, IReadOnlyList<ProbeTarget> Targets, RouteLookup? Lookup, string? Error);
}
