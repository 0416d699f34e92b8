using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// The desired state: what BootRoute's own routes and rules should be, which NIC is primary, and which
/// NICs must not hold a main-table default (DEFROUTE=no). A pure function of settings and snapshot.
/// </summary>
public sealed record RoutingPlan(
    IReadOnlyList<PlannedInterface> Interfaces,
    IReadOnlyList<RoutingTable> Tables,
    IReadOnlyList<PolicyRule> Rules,
    Route PrimaryDefault)
{
    /// <summary>Sysctl values the plan wants (what <c>sysctl:</c> asks for, and the ARP values of NICs that share a subnet), by procfs key.</summary>
    public IReadOnlyList<SysctlValue> Sysctls { get; init; } = [];

    /// <summary>
    /// The same plan for IPv6 (<see cref="IPv6Planning"/>): its interfaces carry their IPv6 source,
    /// addresses and router, its routes and rules are IPv6's. Null when IPv6 is not managed.
    /// </summary>
    public RoutingPlan? IPv6 { get; init; }

    /// <summary>NICs left as they are: the diff neither adds to nor removes from their tables and rule priorities.</summary>
    public IReadOnlyList<HeldInterface> Held { get; init; } = [];

    /// <summary>Whether a route or rule in the kernel belongs to a held NIC, and so is not the diff's to touch.</summary>
    public bool IsHeld(Route route) => Held.Any(nic => nic.Table == route.Table);

    /// <inheritdoc cref="IsHeld(Route)"/>
    public bool IsHeld(PolicyRule rule) => Held.Any(nic => nic.Priority == rule.Priority || nic.Table == rule.Table);

    public PlannedInterface Primary => Interfaces.Single(nic => nic.IsPrimary);

    /// <summary>Every NIC's slot, managed (in either family) or held, in name order: what state.json records for the next boot.</summary>
    public IReadOnlyList<InterfaceSlot> Slots =>
        Interfaces.Select(nic => new InterfaceSlot(nic.Name, nic.Slot))
            .Concat(Held.Where(nic => nic.Slot > 0).Select(nic => new InterfaceSlot(nic.Name, nic.Slot)))
            .Concat((IPv6?.Interfaces ?? []).Select(nic => new InterfaceSlot(nic.Name, nic.Slot)))
            .DistinctBy(slot => slot.Interface)
            .OrderBy(slot => slot.Interface, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every route BootRoute wants to own, in table order.</summary>
    public IEnumerable<Route> OwnedRoutes => Tables.SelectMany(table => table.Routes);

    /// <summary>NICs whose main-table default routes are removed (DEFROUTE=no).</summary>
    public IEnumerable<string> SecondaryInterfaces =>
        Interfaces.Where(nic => !nic.IsPrimary).Select(nic => nic.Name);
}
