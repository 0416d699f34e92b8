using BootRoute.Model;
using BootRoute.Settings;

namespace BootRoute.Planning;

/// <summary>
/// The copies the image's network stack made of BootRoute's rules and routes from its persisted files,
/// under the stack's own protocol (<see cref="CarriedObjects"/>), for <c>bootroute remove</c>: without
/// them remove would leave the stack's copies in the kernel until it next reconfigures. Recognised as
/// apply recognises them: a rule at one of BootRoute's priorities looking up the table it gives that
/// priority, a route in one of BootRoute's tables through that table's NIC. Remove has no plan, so the
/// ids come from the slots the last apply recorded (state.json) and the settings that numbered them.
/// Pure.
/// </summary>
public sealed record StackCopies(CarriedObjects Carried, IReadOnlyList<(uint Priority, uint Table)> RuleIds, IReadOnlyList<(uint Table, string Device)> Tables)
{
    public static StackCopies None { get; } = new(CarriedObjects.None, [], []);

    /// <param name="carried">What the persisted files on disk make the stack recreate; nothing when they are gone.</param>
    public static StackCopies For(AgentSettings settings, IReadOnlyList<InterfaceSlot> slots, CarriedObjects carried)
    {
        if (carried == CarriedObjects.None || slots.Count == 0)
        {
            return None;
        }
        var rules = new List<(uint, uint)> { (settings.Routing.PriorityBase, RoutingTables.Main) };
        var tables = new List<(uint, string)>();
        foreach (var slot in slots.Where(slot => slot.Slot is >= 1 and <= Candidates.MaximumSlot))
        {
            var selection = settings.IsAutomatic ? null : settings.Interfaces.ElementAtOrDefault(slot.Slot - 1);
            uint table = Candidates.TableOf(settings, slot.Slot, selection);
            rules.Add((Candidates.PriorityOf(settings, slot.Slot), table));
            // The on-subnet rules of NICs that share a subnet (SharedSubnets) look up the same table.
            rules.Add((SharedSubnets.PriorityOf(settings), table));
            tables.Add((table, slot.Interface));
        }
        return new StackCopies(carried, rules, tables);
    }

    /// <summary>A rule the stack made from BootRoute's files (BootRoute's own, proto 200, are not copies).</summary>
    public bool Holds(PolicyRule rule) =>
        Carried.HasFlag(CarriedObjects.Rules) && rule.Protocol != RouteProtocols.BootRoute && RuleIds.Contains((rule.Priority, rule.Table));

    /// <inheritdoc cref="Holds(PolicyRule)"/>
    public bool Holds(Route route) =>
        Carried.HasFlag(CarriedObjects.Routes) && route.Protocol != RouteProtocols.BootRoute && Tables.Contains((route.Table, route.Device ?? ""));
}
