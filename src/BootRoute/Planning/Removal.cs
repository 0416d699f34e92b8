using System.Net.Sockets;
using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// The operations of <c>bootroute remove</c>: put back what apply changed outside its own tags (the
/// secondaries' main defaults, sysctls, the hand-made routes and rules it adopted), then delete every
/// rule and route tagged proto 200, and the copies the image's network stack made of them from the
/// persisted files (<see cref="StackCopies"/>). Pure.
/// </summary>
public static class Removal
{
    /// <remarks>
    /// Defaults come back first so the instance is never without one. A removed default that had the
    /// same kernel identity as BootRoute's own main default replaces it in one step; one whose NIC is
    /// gone, or whose place another program's route now holds, cannot come back and is reported.
    /// </remarks>
    public static (IReadOnlyList<Operation> Operations, IReadOnlyList<string> Notes) Compute(HostSnapshot snapshot, AppliedState state, StackCopies? copies = null)
    {
        var ours = new Ownership(copies ?? StackCopies.None, state);
        var operations = new List<Operation>();
        var notes = new List<string>();
        // IPv4 first; the sysctls (IPv6's accept_ra_defrtr among them) between its defaults and its rules, so IPv6's pass finds them restored.
        InOneFamily(snapshot, AddressFamily.InterNetwork, ours, (operations, notes), () =>
        {
            foreach (var original in state.Sysctls)
            {
                if (snapshot.Sysctls.TryGetValue(original.Key, out var current) && current != original.Original)
                {
                    operations.Add(new SysctlSet(original.Key, original.Original, current));
                }
            }
        });
        InOneFamily(snapshot.InFamily(AddressFamily.InterNetworkV6), AddressFamily.InterNetworkV6, ours, (operations, notes), () => { });
        return (operations, notes);
    }

    /// <summary>The removal in one family, whose objects are the snapshot's top-level lists; the state's objects of the other family are left to its own pass.</summary>
    private static void InOneFamily(
        HostSnapshot snapshot, AddressFamily family, Ownership ours, (List<Operation> Operations, List<string> Notes) output, Action afterDefaults)
    {
        var (operations, notes) = output;
        var state = ours.State;
        bool ipv6 = family == AddressFamily.InterNetworkV6;
        var owned = snapshot.Routes.Where(ours.Owns).ToList();
        var replaced = new List<Route>();

        RestoreRoutes(state.RemovedMainDefaults.Concat(state.AdoptedRoutes).Where(route => route.Destination.IsIPv6() == ipv6),
            snapshot, ours, operations, notes, replaced);
        afterDefaults();

        // A hand-made rule comes back before BootRoute's copy goes (the kernel lists it after the copy, and
        // the copy's delete names protocol 200), so no packet falls through between the two.
        operations.AddRange(state.AdoptedRules.Where(rule => rule.Family == family && !snapshot.Rules.Contains(rule)).Select(rule => new RuleAdd(rule)));
        operations.AddRange(snapshot.Rules.Where(ours.Owns)
            .OrderBy(rule => rule.Priority).Select(rule => new RuleDelete(rule)));
        operations.AddRange(owned.Where(route => !replaced.Contains(route))
            .OrderBy(route => route.Table).ThenBy(route => route.Destination.ToString(), StringComparer.Ordinal)
            .Select(route => new RouteDelete(route)));
    }

    /// <summary>
    /// Puts back routes apply removed or adopted: one with the kernel identity of a BootRoute route
    /// replaces it in one step (and joins <paramref name="replaced"/>), one whose place is free is added.
    /// </summary>
    private static void RestoreRoutes(
        IEnumerable<Route> routes, HostSnapshot snapshot, Ownership ours, List<Operation> operations, List<string> notes, List<Route> replaced)
    {
        foreach (var removed in routes)
        {
            // The kernel keeps a router-advertised default alive only while that router advertises it
            // (its lifetime, preference and hop limit come from the advertisement); a copy put back by
            // hand would have none of them and outlive the router. With accept_ra_defrtr back on, the
            // router's next advertisement adds it as it was. The secondary's own default, so the
            // primary's path is not waiting on it.
            if (removed.Protocol == RouteProtocols.RouterAdvertisement && removed.Destination.IsIPv6())
            {
                notes.Add($"\"{removed}\" comes back with {removed.Device}'s next router advertisement (accept_ra_defrtr is restored)");
                continue;
            }
            if (removed.Device is not null && snapshot.FindLink(removed.Device) is null)
            {
                notes.Add($"not restoring \"{removed}\": {removed.Device} no longer exists");
                continue;
            }
            var holder = snapshot.Routes.FirstOrDefault(route => route.Key == removed.Key);
            if (holder is null)
            {
                operations.Add(new RouteAdd(removed));
            }
            else if (ours.Owns(holder) && !replaced.Contains(holder))
            {
                operations.Add(new RouteReplace(removed, holder));
                replaced.Add(holder);
            }
            else if (holder != removed)
            {
                notes.Add($"not restoring \"{removed}\": \"{holder}\" holds its place now");
            }
        }
    }

    /// <summary>
    /// What remove takes out: BootRoute's own (proto 200) and the stack's copies of them, but never a
    /// hand-made object apply adopted, which remove puts back.
    /// </summary>
    private sealed record Ownership(StackCopies Copies, AppliedState State)
    {
        public bool Owns(Route route) => route.Protocol == RouteProtocols.BootRoute
            || (Copies.Holds(route) && !State.AdoptedRoutes.Contains(route));

        public bool Owns(PolicyRule rule) => rule.Protocol == RouteProtocols.BootRoute
            || (Copies.Holds(rule) && !State.AdoptedRules.Contains(rule));
    }
}
