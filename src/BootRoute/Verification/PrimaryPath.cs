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
    /// <param name="beforeApply">The "before" of the rollback guard: a next hop out of another NIC is raced
    /// against the primary's own gateway (<see cref="NextHopAsync"/>). Never after: there such a path is
    /// what the apply should have fixed, and must fail as it is.</param>
    public Task<IReadOnlyList<PathCheck>> ProbeAsync(
        RoutingPlan plan, IPAddress lookupDestination, IReadOnlyList<ProbeTarget> targets, bool beforeApply, CancellationToken cancellationToken)
    {
        var ipv4 = Lookup(plan, lookupDestination, "next hop", targets);
        var ipv6 = plan.IPv6 is { } half ? Lookup(half, Verifier.IPv6LookupDestination, IPv6NextHop, targets) : null;
        return ProbeAllAsync(ipv4, ipv6, beforeApply, cancellationToken);
    }

    private async Task<IReadOnlyList<PathCheck>> ProbeAllAsync(FamilyPath ipv4, FamilyPath? ipv6, bool beforeApply, CancellationToken cancellationToken)
    {
        var first = ProbeFamilyAsync(ipv4, beforeApply, cancellationToken);
        var second = ipv6 is null ? null : ProbeFamilyAsync(ipv6, beforeApply, cancellationToken);
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

    private async Task<IReadOnlyList<PathCheck>> ProbeFamilyAsync(FamilyPath path, bool beforeApply, CancellationToken cancellationToken)
    {
        var primary = path.Plan.Primary;
        if (path.Lookup is not { } lookup)
        {
            var unreachable = new List<PathCheck> { new(path.Key, false, $"no route from {primary.Address}: {path.Error}") };
            unreachable.AddRange(path.Targets.Select(target => new PathCheck($"target {target}", false, $"no route from {primary.Address}")));
            return unreachable;
        }
        int ingress = path.Plan.Interfaces.FirstOrDefault(nic => nic.Name == lookup.Device)?.LinkIndex ?? 0;
        var first = NextHopAsync(path, lookup, ingress, beforeApply, cancellationToken);
        var targets = path.Targets.Select(target =>
            (Key: $"target {target}", Result: attempts.ProbeAsync(new Probe(primary.Address, target.Address, target.Port, ingress, attemptTimeout), cancellationToken))).ToList();
        await Task.WhenAll(targets.Select(probe => probe.Result)).ConfigureAwait(false);
        var checks = new List<PathCheck> { await first.ConfigureAwait(false) };
        checks.AddRange(targets.Select(probe => new PathCheck(probe.Key, probe.Result.Result.Answered, probe.Result.Result.Detail)));
        return checks;
    }

    /// <summary>
    /// The next hop the kernel now uses for the primary's traffic. Where that leaves by another NIC
    /// (two DHCP defaults in main, the first boot's usual state and what BootRoute is there to fix),
    /// the provider drops it as spoofed and the probe would spend the whole verify.timeout, on the
    /// boot's critical path, before anything is applied. So the primary's own gateway is raced against
    /// it: either answering is a path that works now, and the apply routes the primary by its own
    /// gateway, so a failure afterwards is still a regression the guard rolls back.
    /// </summary>
    private async Task<PathCheck> NextHopAsync(FamilyPath path, RouteLookup lookup, int ingress, bool beforeApply, CancellationToken cancellationToken)
    {
        var primary = path.Plan.Primary;
        var nextHop = lookup.Gateway ?? path.Destination;
        Task<HopResult> Now(CancellationToken token) => Hop(new Probe(primary.Address, Scoped(nextHop, ingress), null, ingress, attemptTimeout), $"via {nextHop} dev {lookup.Device}", token);
        if (!beforeApply || lookup.Device == primary.Name || primary.LinkIndex == 0)
        {
            var now = await Now(cancellationToken).ConfigureAwait(false);
            return new PathCheck(path.Key, now.Passed, now.Detail);
        }
        Task<HopResult> Own(CancellationToken token) => Hop(new Probe(primary.Address, Scoped(primary.Gateway, primary.LinkIndex), null, primary.LinkIndex, attemptTimeout),
            $"via {primary.Gateway} dev {primary.Name}, its own gateway, while the kernel sends it out {lookup.Device}", token);
        var (winner, results) = await FirstAnswer.RaceAsync([Now, Own], cancellationToken).ConfigureAwait(false);
        return winner >= 0
            ? new PathCheck(path.Key, true, results[winner]!.Detail)
            : new PathCheck(path.Key, false, string.Join("; ", results.Select(result => result!.Detail)));
    }

    private async Task<HopResult> Hop(Probe probe, string via, CancellationToken cancellationToken)
    {
        var result = await attempts.ProbeAsync(probe, cancellationToken).ConfigureAwait(false);
        return new HopResult(result.Answered, $"{via}: {result.Detail}");
    }

    // A link-local router is reached on the link named: the scope id says which.
    private static IPAddress Scoped(IPAddress address, int linkIndex) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv6LinkLocal && linkIndex != 0
            ? new IPAddress(address.GetAddressBytes(), linkIndex)
            : address;

    private sealed record FamilyPath(
        RoutingPlan Plan, IPAddress Destination, string Key, IReadOnlyList<ProbeTarget> Targets, RouteLookup? Lookup, string? Error);
}
