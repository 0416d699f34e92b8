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
    public const int MaximumSlot = 4096;

    /// <param name="refusedByKernel">NICs whose operation the kernel refused in an earlier attempt of this run: held with that reason.</param>
    /// <param name="recordedSlots">The slots the last apply gave (state.json): kept where the kernel has no table to say.</param>
    /// <returns>
    /// Also, in automatic mode, the NICs with an IPv6 side (<see cref="IPv6Interface"/>) but no IPv4
    /// lease, numbered together with the others so each keeps its slot as an IPv4 NIC does.
    /// </returns>
    public static (List<Candidate> Found, List<HeldInterface> Held, List<InterfaceSlot> IPv6Only) Select(
        AgentSettings settings, HostSnapshot snapshot, IReadOnlyList<Lease> leases, IReadOnlyList<HeldInterface> refusedByKernel,
        IReadOnlyList<InterfaceSlot> recordedSlots)
    {
        var (found, held, ipv6Only) = settings.IsAutomatic ? Automatic(settings, snapshot, leases, recordedSlots) : Configured(settings, snapshot, leases);
        foreach (var refused in refusedByKernel)
        {
            // Not short-circuited: a NIC held for its IPv4 data may have been refused in IPv6.
            if ((found.RemoveAll(candidate => candidate.Link.Name == refused.Name)
                 | ipv6Only.RemoveAll(nic => nic.Interface == refused.Name)
                 | held.RemoveAll(nic => nic.Name == refused.Name && !nic.RefusedByKernel)) > 0)
            {
                held.Add(refused);
            }
        }
        return (found, held, ipv6Only);
    }

    /// <summary>Table and priority from the NIC's slot, so the same NICs get the same ids on every boot.</summary>
    public static uint TableOf(AgentSettings settings, int slot, InterfaceSelection? selection) =>
        selection?.Table ?? settings.Routing.TableBase + (uint)slot;

    public static uint PriorityOf(AgentSettings settings, int slot) => settings.Routing.PriorityBase + (uint)slot;

    /// <summary>
    /// NICs with a lease get a slot; one whose lease names a gateway that cannot be a next hop is held
    /// (it keeps its slot), the others without a lease in force are passed over. A NIC that already has
    /// a table in the kernel keeps that table's slot, so a NIC hot-added between two others, or one
    /// renumbered, never moves another NIC's table (no packet is routed by a table being repointed under
    /// it), and after a reboot each NIC finds the table its persisted files gave it; a NIC with none
    /// takes the slot the last apply recorded; the rest take the lowest free slots in name order.
    /// </summary>
    private static (List<Candidate>, List<HeldInterface>, List<InterfaceSlot>) Automatic(
        AgentSettings settings, HostSnapshot snapshot, IReadOnlyList<Lease> leases, IReadOnlyList<InterfaceSlot> recordedSlots)
    {
        var (found, held) = (new List<Candidate>(), new List<HeldInterface>());
        var links = snapshot.Links.Where(link => AutomaticSelection.WhyNot(link) is null)
            .OrderBy(link => link.Name, NaturalNameComparer.Instance)
            .Select(link => (Link: link, Found: LeasedInterface.Find(snapshot, leases, link, gateway: null, settings.Leases.Describe())))
            .ToList();
        var leasedLinks = links.Where(nic => nic.Found.Found is not null || nic.Found.Refused).ToList();
        // After the IPv4 NICs, so a new IPv6-only NIC never takes a slot an IPv4 one would have had.
        var ipv6Only = links.Except(leasedLinks)
            .Where(nic => settings.Routing.IPv6 && IPv6Interface.Find(snapshot, nic.Link).Found is not null)
            .Select(nic => nic.Link.Name).ToList();
        var slots = Slots(settings, snapshot, [.. leasedLinks.Select(nic => nic.Link.Name), .. ipv6Only], recordedSlots);
        foreach (var (link, (leased, problem, _)) in leasedLinks)
        {
            int slot = slots[link.Name];
            if (leased is not null)
            {
                found.Add(new Candidate(leased, slot, null));
            }
            else
            {
                held.Add(new HeldInterface(link.Name, problem!, TableOf(settings, slot, null), PriorityOf(settings, slot)) { Slot = slot });
            }
        }
        return (found, held, ipv6Only.Select(name => new InterfaceSlot(name, slots[name])).ToList());
    }

    /// <summary>
    /// Each NIC's slot, in this order: the one its table in the kernel has (table_base + slot holding a
    /// proto-bootroute route, IPv4 or IPv6, through the NIC; else anyone's default route through it: after a reboot the image's
    /// persisted files, or a hand-made setup to adopt, fill the NIC's table before BootRoute runs);
    /// else the one the last apply recorded, if still free; else the lowest one free, in name order.
    /// </summary>
    private static Dictionary<string, int> Slots(AgentSettings settings, HostSnapshot snapshot, List<string> names, IReadOnlyList<InterfaceSlot> recordedSlots)
    {
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var taken = new HashSet<int>();
        foreach (bool ownOnly in (bool[])[true, false])
        {
            foreach (var name in names.Where(name => !slots.ContainsKey(name)))
            {
                if (SlotInKernel(settings, snapshot, name, ownOnly, ownOnly ? MaximumSlot : names.Count, taken) is { } kept)
                {
                    slots[name] = kept;
                    taken.Add(kept);
                }
            }
        }
        foreach (var recorded in recordedSlots.Where(recorded => names.Contains(recorded.Interface) && !slots.ContainsKey(recorded.Interface)))
        {
            if (recorded.Slot is >= 1 and <= MaximumSlot && taken.Add(recorded.Slot))
            {
                slots[recorded.Interface] = recorded.Slot;
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

    /// <summary>
    /// The lowest free slot whose table holds a route of BootRoute's through the NIC, or, when
    /// <paramref name="ownOnly"/> is false, anyone's default route through it: the mark of a per-NIC
    /// table, where any other route (a static one someone put there) says nothing about whose table it
    /// is. Someone else's table counts only up to <paramref name="limit"/> (one slot per NIC there is): a
    /// VPN's table 200 through ens3 must not make ens3's slot 100. The kernel's reserved tables (main, local, default) are never a slot,
    /// whatever table_base puts them in range.
    /// </summary>
    private static int? SlotInKernel(AgentSettings settings, HostSnapshot snapshot, string name, bool ownOnly, int limit, HashSet<int> taken)
    {
        uint tableBase = settings.Routing.TableBase;
        var found = snapshot.Routes.Concat(snapshot.IPv6.Routes)
            .Where(route => route.Device == name && (ownOnly ? route.Protocol == RouteProtocols.BootRoute : route.IsDefault)
                && !RoutingTables.IsReserved(route.Table) && route.Table > tableBase && route.Table - tableBase <= (uint)limit)
            .Select(route => (int)(route.Table - tableBase))
            .Where(slot => !taken.Contains(slot))
            .Order()
            .FirstOrDefault();
        return found > 0 ? found : null;
    }

    /// <summary>Every configured NIC has its slot (its place in <c>interfaces:</c>); one that cannot be managed is held.</summary>
    private static (List<Candidate>, List<HeldInterface>, List<InterfaceSlot>) Configured(AgentSettings settings, HostSnapshot snapshot, IReadOnlyList<Lease> leases)
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
            held.Add(new HeldInterface(link?.Name ?? selection.Label, problem!, TableOf(settings, slot, selection), PriorityOf(settings, slot)) { Slot = slot });
        }
        return (found, held, []);
    }
}
