using BootRoute.Model;
using BootRoute.Settings;

namespace BootRoute.Planning;

/// <summary>
/// Which NICs a run manages and which it holds (<see cref="HeldInterface"/>). Each NIC keeps its slot
/// whether it is managed or held, so one NIC's bad lease never renumbers another's table.
/// </summary>
internal static class Candidates
{
    /// <summary>More NICs than any instance type has: a table further above table_base is not a slot of BootRoute's.</summary>
    private const int MaximumSlot = 4096;

    /// <param name="refusedByKernel">NICs whose operation the kernel refused in an earlier attempt of this run: held with that reason.</param>
    public static (List<Candidate> Found, List<HeldInterface> Held) Select(
        AgentSettings settings, HostSnapshot snapshot, IReadOnlyList<Lease> leases, IReadOnlyList<HeldInterface> refusedByKernel)
    {
        var (found, held) = settings.IsAutomatic ? Automatic(settings, snapshot, leases) : Configured(settings, snapshot, leases);
        foreach (var refused in refusedByKernel)
        {
            if (found.RemoveAll(candidate => candidate.Link.Name == refused.Name) > 0)
            {
                held.Add(refused);
            }
        }
        return (found, held);
    }

    /// <summary>Table and priority from the NIC's slot, so the same NICs get the same ids on every boot.</summary>
    public static uint TableOf(AgentSettings settings, int slot, InterfaceSelection? selection) =>
        selection?.Table ?? settings.Routing.TableBase + (uint)slot;

    public static uint PriorityOf(AgentSettings settings, int slot) => settings.Routing.PriorityBase + (uint)slot;

    /// <summary>
    /// NICs with a lease get a slot; one whose lease names a gateway that cannot be a next hop is held
    /// (it keeps its slot), the others without a lease in force are passed over. A NIC that already has
    /// a table of BootRoute's in the kernel keeps that table's slot, so a NIC hot-added between two
    /// others, or one renumbered, never moves another NIC's table (no packet is routed by a table
    /// being repointed under it); the rest take the lowest free slots in name order.
    /// </summary>
    private static (List<Candidate>, List<HeldInterface>) Automatic(AgentSettings settings, HostSnapshot snapshot, IReadOnlyList<Lease> leases)
    {
        var (found, held) = (new List<Candidate>(), new List<HeldInterface>());
        var leasedLinks = snapshot.Links.Where(link => AutomaticSelection.WhyNot(link) is null)
            .OrderBy(link => link.Name, NaturalNameComparer.Instance)
            .Select(link => (Link: link, Found: LeasedInterface.Find(snapshot, leases, link, gateway: null, settings.Leases.Describe())))
            .Where(nic => nic.Found.Found is not null || nic.Found.Refused)
            .ToList();
        var slots = Slots(settings, snapshot, leasedLinks.Select(nic => nic.Link.Name).ToList());
        foreach (var (link, (leased, problem, _)) in leasedLinks)
        {
            int slot = slots[link.Name];
            if (leased is not null)
            {
                found.Add(new Candidate(leased, slot, null));
            }
            else
            {
                held.Add(new HeldInterface(link.Name, problem!, TableOf(settings, slot, null), PriorityOf(settings, slot)));
            }
        }
        return (found, held);
    }

    /// <summary>
    /// Each NIC's slot: the one its table in the kernel has (a proto-bootroute route on the NIC in table
    /// table_base + slot), else the lowest one free, in name order.
    /// </summary>
    private static Dictionary<string, int> Slots(AgentSettings settings, HostSnapshot snapshot, List<string> names)
    {
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var taken = new HashSet<int>();
        foreach (var name in names)
        {
            var kept = snapshot.Routes
                .Where(route => route.Protocol == RouteProtocols.BootRoute && route.Device == name
                    && route.Table > settings.Routing.TableBase && route.Table - settings.Routing.TableBase <= MaximumSlot)
                .Select(route => (int)(route.Table - settings.Routing.TableBase))
                .Where(slot => !taken.Contains(slot))
                .Order()
                .FirstOrDefault();
            if (kept > 0)
            {
                slots[name] = kept;
                taken.Add(kept);
            }
        }
        int next = 1;
        foreach (var name in names.Where(name => !slots.ContainsKey(name)))
        {
            while (taken.Contains(next))
            {
                next++;
            }
            slots[name] = next;
            taken.Add(next);
        }
        return slots;
    }

    /// <summary>Every configured NIC has its slot (its place in <c>interfaces:</c>); one that cannot be managed is held.</summary>
    private static (List<Candidate>, List<HeldInterface>) Configured(AgentSettings settings, HostSnapshot snapshot, IReadOnlyList<Lease> leases)
    {
        var (found, held) = (new List<Candidate>(), new List<HeldInterface>());
        for (int index = 0; index < settings.Interfaces.Count; index++)
        {
            var selection = settings.Interfaces[index];
            int slot = index + 1;
            var link = selection.FindLink(snapshot);
            var (leased, problem, _) = link is null
                ? (null, $"{selection.Label}: no such interface", false)
                : LeasedInterface.Find(snapshot, selection.LeasesFor(link, leases), link, selection.Gateway, settings.Leases.Describe());
            if (leased is not null)
            {
                found.Add(new Candidate(leased, slot, selection));
                continue;
            }
            held.Add(new HeldInterface(link?.Name ?? selection.Label, problem!, TableOf(settings, slot, selection), PriorityOf(settings, slot)));
        }
        return (found, held);
    }
}
