using BootRoute.Model;
using BootRoute.Settings;

namespace BootRoute.Discovery;

/// <summary>
/// What a discovery still waits for, as the problems that would be reported if it stopped waiting now
/// (empty: ready). Pure; <see cref="Discoverer.WaitAsync"/> reads the host again until it is ready.
/// </summary>
public delegate IReadOnlyList<string> Readiness(Discovered discovered);

/// <summary>The readiness checks a run can wait on.</summary>
public static class ReadinessChecks
{
    /// <summary>Nothing to wait for: plan, verify and status report on the host as it is now.</summary>
    public static Readiness Now { get; } = _ => [];

    /// <summary>
    /// Every configured NIC exists, has its lease, that lease's address and a gateway. Automatic mode
    /// waits for nothing: it cannot know which NICs are still to come, so it manages what is there.
    /// </summary>
    public static Readiness ConfiguredInterfaces(AgentSettings settings) => discovered =>
    {
        var waiting = new List<string>();
        foreach (var selection in settings.Interfaces)
        {
            if (selection.FindLink(discovered.Snapshot) is not { } link)
            {
                waiting.Add($"{selection.Label}: no such interface");
            }
            else if (LeasedInterface.Find(discovered.Snapshot, selection.LeasesFor(link, discovered.Leases), link, selection.Gateway, settings.Leases.Describe())
                     is { Problem: { } problem, Refused: false })
            {
                // A refused gateway is not waited for: the planner names it at once.
                waiting.Add(problem);
            }
        }
        return waiting;
    };

    /// <summary>
    /// The interface's lease (from the first source that has one) names an address the interface
    /// holds: ISC dhclient runs its hooks before it writes the lease file, so right after a
    /// renumbering the file still holds the old address.
    /// </summary>
    public static Readiness LeaseSettled(string interfaceName) => discovered =>
    {
        var lease = discovered.Leases.FirstOrDefault(lease => lease.Interface == interfaceName);
        bool settled = lease is not null
            && discovered.Snapshot.AddressesOf(interfaceName).Any(address => address.Address.Equals(lease.Address));
        return settled ? [] : [$"{interfaceName}: a lease for its address"];
    };
}
