using System.Diagnostics;
using System.Net;
using BootRoute.Model;
using BootRoute.Netlink;
using BootRoute.Planning;
using BootRoute.Settings;

namespace BootRoute.Verification;

/// <summary>
/// Proves the plan works on the live kernel and through the provider. For each managed NIC:
/// (1) egress — the kernel's route lookup from each of its addresses (the seeds' `ip route get D
/// from S`) leaves by that NIC via its gateway; (2) gateway — an ICMP echo from its address to its
/// gateway is answered on that NIC; (3) target — each <c>verify.targets</c> entry answers from its
/// address; (4) floating — its floating IP, reached from another managed NIC's address across both
/// providers' NAT, answers, and the reply comes back by the NIC that sent the probe. A NIC managed in
/// IPv6 gets (1) for every global address, (2) as an ICMPv6 echo from every global address to its
/// link-local router, and (3) for the IPv6 targets from its IPv6 source.
/// </summary>
/// <remarks>
/// Route lookups share the netlink socket and run first, in order; every network probe then runs
/// concurrently. A probe is bounded by <c>verify.timeout</c> in all: it gets three attempts of a
/// third of it each, sent back to back (<see cref="ProbeAttempts"/>), so one lost packet is not a failure
/// and a dead path costs one timeout, not three. A check that needs only one answer (floating: any
/// vantage point or target) ends at its first: a healthy run costs about one round trip even where a
/// provider does not hairpin NAT and some vantage points are never answered.
/// </remarks>
public sealed class Verifier
{
    private readonly INetlink _netlink;
    private readonly VerifySettings _settings;
    private readonly TimeSpan _attemptTimeout;
    private readonly ProbeAttempts _attempts;
    private readonly PrimaryPath _primaryPath;

    public Verifier(INetlink netlink, IProber prober, VerifySettings settings)
    {
        _netlink = netlink;
        _settings = settings;
        _attemptTimeout = settings.Timeout / ProbeAttempts.Count;
        _attempts = new ProbeAttempts(prober, _attemptTimeout);
        _primaryPath = new PrimaryPath(netlink, _attempts, _attemptTimeout);
    }

    /// <summary>
    /// Where IPv6 egress is looked up to: a documentation address (RFC 3849) no NIC's prefix holds,
    /// so the lookup answers by the default the rules choose; no packet is sent to it.
    /// </summary>
    public static readonly IPAddress IPv6LookupDestination = IPAddress.Parse("2001:db8::1");

    public async Task<VerificationResult> VerifyAsync(RoutingPlan plan, CancellationToken cancellationToken)
    {
        var egress = plan.Interfaces.ToDictionary(nic => nic.Name, nic => CheckEgress(nic, _settings.LookupDestination), StringComparer.Ordinal);
        // IPv6: each global address's lookup must leave by its own NIC via its router, as IPv4's does.
        foreach (var nic in plan.IPv6?.Interfaces ?? [])
        {
            egress[nic.Name] = [.. egress.GetValueOrDefault(nic.Name) ?? [], .. CheckEgress(nic, IPv6LookupDestination)];
        }
        var path = ProbePrimaryPathAsync(plan, cancellationToken);

        var ipv6 = (plan.IPv6?.Interfaces ?? []).ToDictionary(nic => nic.Name, StringComparer.Ordinal);
        var gateways = plan.Interfaces.ToDictionary(nic => nic.Name, nic => CheckGatewayAsync(nic, nic.Address, cancellationToken), StringComparer.Ordinal);
        var routers = ipv6.Values.ToDictionary(
            nic => nic.Name, nic => nic.Addresses.Select(address => CheckGatewayAsync(nic, address, cancellationToken)).ToList(), StringComparer.Ordinal);
        var targets = plan.Interfaces.ToDictionary(nic => nic.Name, nic => CheckTargets(nic, cancellationToken), StringComparer.Ordinal);
        var ipv6Targets = ipv6.Values.ToDictionary(nic => nic.Name, nic => CheckTargets(nic, cancellationToken), StringComparer.Ordinal);
        var discovering = DiscoverFloatingIps(plan, cancellationToken);

        var notes = TargetsNotProbed(plan);
        var floating = plan.Interfaces.ToDictionary(
            nic => nic.Name, nic => CheckFloatingAsync(nic, plan, discovering, targets[nic.Name], notes, cancellationToken), StringComparer.Ordinal);

        var interfaces = new List<InterfaceVerification>(plan.Interfaces.Count);
        foreach (var nic in plan.Interfaces)
        {
            egress.Remove(nic.Name, out var nicEgress);
            var checks = new List<CheckResult>(nicEgress!) { await gateways[nic.Name].ConfigureAwait(false) };
            checks.AddRange(await Task.WhenAll(routers.GetValueOrDefault(nic.Name) ?? []).ConfigureAwait(false));
            checks.AddRange(await Task.WhenAll(targets[nic.Name]).ConfigureAwait(false));
            checks.AddRange(await Task.WhenAll(ipv6Targets.GetValueOrDefault(nic.Name) ?? []).ConfigureAwait(false));
            if (await floating[nic.Name].ConfigureAwait(false) is { } check)
            {
                checks.Add(check);
            }
            interfaces.Add(new InterfaceVerification(nic.Name, checks));
        }
        // A NIC managed in IPv6 only.
        foreach (var (name, only) in egress)
        {
            var checks = new List<CheckResult>(only);
            checks.AddRange(await Task.WhenAll(routers[name]).ConfigureAwait(false));
            checks.AddRange(await Task.WhenAll(ipv6Targets[name]).ConfigureAwait(false));
            interfaces.Add(new InterfaceVerification(name, checks));
        }
        var floatingIps = new Dictionary<string, IPAddress>(StringComparer.Ordinal);
        foreach (var (name, asked) in discovering)
        {
            if ((await asked.ConfigureAwait(false)).Address is { } learnt)
            {
                floatingIps[name] = learnt;
            }
        }
        return new VerificationResult(interfaces, await path.ConfigureAwait(false), floatingIps, notes);
    }

    /// <summary>
    /// The primary NIC's way out as the kernel routes it now: its next hop for <c>verify.lookup_destination</c>
    /// and every target, each probed from the primary's address. Run before an apply and compared with
    /// the same probes after it (<see cref="PathRegression"/>).
    /// </summary>
    /// <param name="beforeApply">The rollback guard's "before" (see <see cref="PrimaryPath.ProbeAsync"/>).</param>
    public Task<IReadOnlyList<PathCheck>> ProbePrimaryPathAsync(RoutingPlan plan, CancellationToken cancellationToken, bool beforeApply = false) =>
        _primaryPath.ProbeAsync(plan, _settings.LookupDestination, _settings.Targets, beforeApply, cancellationToken);

    private (RouteLookup? Lookup, string? Error) LookUp(IPAddress destination, IPAddress source)
    {
        try
        {
            return (_netlink.GetRoute(destination, source), null);
        }
        catch (NetlinkException error)
        {
            return (null, error.Message);
        }
    }

    private List<CheckResult> CheckEgress(PlannedInterface nic, IPAddress destination)
    {
        var results = new List<CheckResult>();
        foreach (var address in nic.Addresses)
        {
            var started = Stopwatch.GetTimestamp();
            string target = $"{destination} from {address}";
            var (lookup, error) = LookUp(destination, address);
            if (lookup is null)
            {
                results.Add(new CheckResult("egress", target, false, $"no route: ip route get {target}: {error}", Elapsed(started)));
                continue;
            }
            bool onLink = nic.Network.Contains(destination);
            bool passed = lookup.Device == nic.Name && (onLink || Equals(lookup.Gateway, nic.Gateway));
            string detail = passed
                ? $"ip route get {target}: {lookup}"
                : $"wrong egress: ip route get {target} gives {lookup}, expected dev {nic.Name} via {nic.Gateway}";
            results.Add(new CheckResult("egress", target, passed, detail, Elapsed(started)));
        }
        return results;
    }

    /// <summary>
    /// An echo from <paramref name="source"/> to the NIC's gateway, answered on the NIC. An IPv6 router is
    /// link-local: the NIC's ifindex as scope id picks its link (ping's <c>fe80::1%ens4</c>), while the
    /// global source still goes through the policy rules the check proves.
    /// </summary>
    private async Task<CheckResult> CheckGatewayAsync(PlannedInterface nic, IPAddress source, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        bool linkLocal = nic.Gateway.IsIPv6LinkLocal;
        var gateway = linkLocal ? new IPAddress(nic.Gateway.GetAddressBytes(), nic.LinkIndex) : nic.Gateway;
        var result = await _attempts.ProbeAsync(new Probe(source, gateway, null, nic.LinkIndex, _attemptTimeout), cancellationToken).ConfigureAwait(false);
        double milliseconds = Elapsed(started);
        string target = linkLocal ? $"{nic.Gateway}%{nic.Name} from {source}" : $"{nic.Gateway} from {source}";
        return new CheckResult("gateway", target, result.Answered,
            result.Answered ? Took(result, milliseconds) : $"gateway silent: {result.Detail}", milliseconds);
    }

    // One task per target of the NIC's family (an IPv4 NIC's half probes IPv4 targets, its IPv6 half
    // IPv6 ones): the floating check takes the first that passes without waiting for the rest.
    private List<Task<CheckResult>> CheckTargets(PlannedInterface nic, CancellationToken cancellationToken) =>
        _settings.Targets.Where(target => target.Address.AddressFamily == nic.Address.AddressFamily).Select(async target =>
        {
            var started = Stopwatch.GetTimestamp();
            var result = await _attempts.ProbeAsync(new Probe(nic.Address, target.Address, target.Port, nic.LinkIndex, _attemptTimeout), cancellationToken)
                .ConfigureAwait(false);
            double milliseconds = Elapsed(started);
            return new CheckResult("target", $"{target.Protocol} {target} from {nic.Address}", result.Answered,
                result.Answered ? Took(result, milliseconds) : $"target silent: {result.Detail}", milliseconds);
        }).ToList();

    /// <summary>A target of a family a NIC is not managed in has no source address there: the report says so rather than failing it.</summary>
    private List<string> TargetsNotProbed(RoutingPlan plan)
    {
        var ipv4 = plan.Interfaces.Select(nic => nic.Name).ToList();
        var ipv6 = (plan.IPv6?.Interfaces ?? []).Select(nic => nic.Name).ToList();
        return _settings.Targets.SelectMany(target =>
        {
            bool v6 = target.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            return ipv4.Union(ipv6, StringComparer.Ordinal).Except(v6 ? ipv6 : ipv4, StringComparer.Ordinal)
                .Select(name => $"{name}: target {target} not probed: {name} is not managed in {(v6 ? "IPv6" : "IPv4")}");
        }).ToList();
    }

    /// <summary>
    /// The end-to-end check. From each vantage NIC's address (<see cref="VantagePoints"/>), an echo to this NIC's floating IP
    /// leaves by that NIC's provider, enters this NIC's provider through its NAT, and this NIC's reply
    /// must leave by this NIC (else its provider drops it as spoofed) to come back, translated, on the
    /// probing NIC. A target that answered this NIC proves the same NAT from the inside out, so it
    /// counts too (a provider that does not hairpin NAT never answers the other NICs' probes, and its
    /// own provider may be the one that is down). One answer is enough: the hops race
    /// (<see cref="FirstAnswer"/>) and the first to pass concludes the check.
    /// </summary>
    private async Task<CheckResult?> CheckFloatingAsync(
        PlannedInterface nic, RoutingPlan plan, Dictionary<string, Task<AddressAnswer>> discovering, List<Task<CheckResult>> ownTargets,
        List<string> notes, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var floatingIp = nic.FloatingIp;
        string learnt = "";
        if (floatingIp is null && discovering.TryGetValue(nic.Name, out var asked))
        {
            var answer = await asked.ConfigureAwait(false);
            if (answer.Address is null)
            {
                return new CheckResult("floating", $"{_settings.EchoUrl} from {nic.Address}", false,
                    $"floating IP unknown: {answer.Detail}", Elapsed(started));
            }
            floatingIp = answer.Address;
            learnt = $" (learnt from {_settings.EchoUrl})";
        }
        if (floatingIp is null)
        {
            return null;
        }

        // A target of this NIC's that already answered proved the NAT: no vantage point need be started.
        if (ownTargets.FirstOrDefault(target => target.IsCompletedSuccessfully && target.Result.Passed) is { } answered)
        {
            return new CheckResult("floating", $"{floatingIp}{learnt}", true,
                ThroughNat(floatingIp, answered.Result.Target), Elapsed(started));
        }
        var vantages = VantagePoints.For(nic, plan);
        if (vantages.Count == 0 && ownTargets.Count == 0)
        {
            lock (notes)
            {
                notes.Add($"{nic.Name}: floating IP {floatingIp} not probed: there is no other managed NIC to probe it from; "
                    + "set verify.targets to probe through it");
            }
            return null;
        }
        var hops = FloatingHops(floatingIp, vantages, ownTargets);
        var (winner, results) = await FirstAnswer.RaceAsync(hops, cancellationToken).ConfigureAwait(false);
        string target = $"{floatingIp}{learnt}";
        return winner >= 0
            ? new CheckResult("floating", target, true, results[winner]!.Detail, Elapsed(started))
            : new CheckResult("floating", target, false,
                $"floating IP silent: {string.Join("; ", results.Select(hop => hop!.Detail))}", Elapsed(started));
    }

    /// <summary>The raced hops of a floating check: an echo from each vantage NIC to the floating IP, and each of the NIC's own targets.</summary>
    private List<Func<CancellationToken, Task<HopResult>>> FloatingHops(
        IPAddress floatingIp, List<PlannedInterface> vantages, List<Task<CheckResult>> ownTargets) =>
        vantages.Select(other => (Func<CancellationToken, Task<HopResult>>)(async token =>
            {
                var probe = await _attempts.ProbeAsync(new Probe(other.Address, floatingIp, null, other.LinkIndex, _attemptTimeout), token).ConfigureAwait(false);
                return new HopResult(probe.Answered, probe.Answered
                    ? $"{floatingIp} answered a probe from {other.Name} ({other.Address}): {probe.Detail}"
                    : $"from {other.Name} ({other.Address}): {probe.Detail}");
            }))
            .Concat(ownTargets.Select(target => (Func<CancellationToken, Task<HopResult>>)(async token =>
            {
                // The target check is the NIC's own and runs on; the race only stops waiting for it.
                var check = await target.WaitAsync(token).ConfigureAwait(false);
                return new HopResult(check.Passed, check.Passed
                    ? ThroughNat(floatingIp, check.Target)
                    : $"{check.Target}: {check.Detail}");
            }))).ToList();

    // How a floating check proved by one of the NIC's own targets reads, whether or not its vantage points raced.
    private static string ThroughNat(IPAddress floatingIp, string target) => $"{floatingIp}: {target} answered through its NAT";
    // One question per NIC, all at once: each NIC's floating check waits for its own answer only.
    private Dictionary<string, Task<AddressAnswer>> DiscoverFloatingIps(RoutingPlan plan, CancellationToken cancellationToken)
    {
        if (_settings.EchoUrl is not { } url)
        {
            return [];
        }
        return plan.Interfaces.Where(nic => nic.DiscoverFloatingIp && nic.FloatingIp is null).ToDictionary(
            nic => nic.Name,
            async nic => FloatingIpAnswer.Credible(await _attempts.AskAsync(nic.Address, url, cancellationToken).ConfigureAwait(false), plan),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// The answer's detail names the answering attempt's round trip; where the check took visibly longer
    /// (earlier attempts unanswered, a busy machine), it says the check's time too, so the text never
    /// contradicts the report's <c>milliseconds</c>.
    /// </summary>
    private static string Took(ProbeResult result, double milliseconds) =>
        Math.Abs(milliseconds - result.Elapsed.TotalMilliseconds) < 0.5
            ? result.Detail
            : $"{result.Detail}; the check took {milliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} ms";

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
}
