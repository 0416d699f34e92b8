using System.Net;
using BootRoute.Model;
using BootRoute.Settings;

namespace BootRoute.Planning;

/// <summary>
/// Managed NICs whose subnets overlap (two ports on one OpenStack network). The suppress rule lets
/// main's connected routes win for on-subnet traffic, and main holds one NIC's connected route first,
/// so traffic (ARP replies included) from another NIC's address to the subnet would leave by the wrong
/// port, where port security and strict rp_filter drop it. A <c>from &lt;address&gt; to &lt;subnet&gt;</c>
/// rule per address, ahead of the suppress rule, sends it through its own NIC's table instead, and
/// the ARP sysctls make each NIC answer only for its own addresses. Pure.
/// </summary>
internal static class SharedSubnets
{
    /// <summary>
    /// One fixed priority just ahead of the suppress rule: the rules' sources are disjoint, so their
    /// order among themselves does not matter, and the NICs' own priorities never move for them.
    /// </summary>
    public static uint PriorityOf(AgentSettings settings) => settings.Routing.PriorityBase - 1;

    /// <summary>The NICs that share (overlap) a subnet with at least one other managed NIC, in plan order.</summary>
    public static List<PlannedInterface> Find(IReadOnlyList<PlannedInterface> interfaces) =>
        interfaces.Where(nic => interfaces.Any(other => other.Name != nic.Name && Overlap(nic.Network, other.Network))).ToList();

    /// <summary>Priority 0 is the kernel's local rule: the on-subnet rules need a priority of their own above it.</summary>
    public static string? Problem(AgentSettings settings, IReadOnlyList<PlannedInterface> sharing) =>
        sharing.Count == 0 || settings.Routing.PriorityBase >= 2
            ? null
            : $"{Names(sharing)} share a subnet: their on-subnet rules need priority routing.priority_base - 1, "
                + $"so routing.priority_base must be at least 2, not {settings.Routing.PriorityBase}";

    /// <summary><c>from &lt;address&gt; to &lt;subnet&gt; lookup &lt;table&gt;</c> for each address of each sharing NIC.</summary>
    public static IEnumerable<PolicyRule> Rules(AgentSettings settings, IReadOnlyList<PlannedInterface> sharing) =>
        sharing.SelectMany(nic => nic.Addresses.Select(address =>
            new PolicyRule(PriorityOf(settings), new IPNetwork(address, 32), nic.Table, Destination: nic.Network)));

    /// <summary>What the report says, one line per shared subnet.</summary>
    public static IEnumerable<string> Notes(AgentSettings settings, IReadOnlyList<PlannedInterface> sharing) =>
        sharing.GroupBy(nic => nic.Network).Select(group => (group.Count() > 1
                ? $"{Names(group.ToList())} share {group.Key.ToIpString()}"
                : $"{group.First().Name}'s {group.Key.ToIpString()} overlaps another managed NIC's subnet")
            + ": traffic from each address to it leaves by its own NIC "
            + $"(from/to rules at priority {PriorityOf(settings)}), and each NIC answers ARP only for its own addresses "
            + "(arp_filter=1, arp_ignore=1, arp_announce=2)");

    private static bool Overlap(IPNetwork one, IPNetwork other) => one.Contains(other.BaseAddress) || other.Contains(one.BaseAddress);

    private static string Names(IReadOnlyList<PlannedInterface> nics) => string.Join(" and ", nics.Select(nic => nic.Name));
}
