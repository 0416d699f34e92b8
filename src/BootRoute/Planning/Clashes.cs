using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// Foreign objects in BootRoute's way: another program's rule at a priority the plan uses, or its
/// route inside a table the plan owns. BootRoute never overwrites them; it names them and stops.
/// One identical to what the plan creates but for its protocol (a hand-made setup) is no clash: it
/// is adopted (<see cref="Adoption"/>).
/// </summary>
public static class Clashes
{
    /// <param name="carried">Objects the image's network stack recreates for BootRoute are not in its way (see <see cref="CarriedObjects"/>).</param>
    public static IReadOnlyList<string> Find(RoutingPlan plan, HostSnapshot snapshot, CarriedObjects carried = CarriedObjects.None)
    {
        var problems = InOneFamily(plan, snapshot, carried);
        if (plan.IPv6 is { } ipv6)
        {
            problems.AddRange(InOneFamily(ipv6, snapshot.InFamily(System.Net.Sockets.AddressFamily.InterNetworkV6), carried));
        }
        return problems;
    }

    private static List<string> InOneFamily(RoutingPlan plan, HostSnapshot snapshot, CarriedObjects carried)
    {
        var problems = new List<string>();
        var priorities = plan.Rules.GroupBy(rule => rule.Priority)
            .ToDictionary(group => group.Key, group => group.First());
        foreach (var rule in snapshot.Rules.Where(rule => rule.Protocol != RouteProtocols.BootRoute && priorities.ContainsKey(rule.Priority)
                     && !plan.IsCarried(rule, carried) && !plan.IsAdoptable(rule, carried)))
        {
            problems.Add($"foreign {(rule.IsIPv6 ? "IPv6 " : "")}rule \"{rule.Priority}: {rule.Selector()}\" holds priority {rule.Priority}, which BootRoute needs for "
                + $"\"{priorities[rule.Priority].Selector()}\"; move it or set routing.priority_base");
        }
        var tables = plan.Tables.ToDictionary(table => table.Id, table => table.Name);
        foreach (var route in snapshot.Routes.Where(route => route.Protocol != RouteProtocols.BootRoute && tables.ContainsKey(route.Table)
                     && !plan.IsCarried(route, carried) && !plan.IsAdoptable(route, carried)))
        {
            problems.Add($"foreign route \"{route}\" is in table {route.Table}, which BootRoute needs for {tables[route.Table]}; "
                + "remove it or set routing.table_base or interfaces[].table");
        }
        if (UnmanagedMainDefault(plan, snapshot) is { } holder)
        {
            problems.Add($"{holder.Device} holds the main default route (\"{holder}\") and is not managed, so the primary {plan.Primary.Name} "
                + $"cannot have its default \"{plan.PrimaryDefault}\" without cutting {holder.Device}'s path; manage {holder.Device} "
                + $"(list it in interfaces[]), make it the primary, or remove its default route");
        }
        return problems;
    }

    /// <summary>
    /// Another NIC's main default that the primary's default would collide with (same table, destination
    /// and metric: the kernel's EEXIST mid-apply). A managed secondary's default is moved in one step
    /// (see <see cref="Diff"/>); an unmanaged or held NIC's is not BootRoute's to take, so it is found
    /// here, before anything is touched. Nothing collides when the primary already has its default.
    /// </summary>
    private static Route? UnmanagedMainDefault(RoutingPlan plan, HostSnapshot snapshot)
    {
        bool primaryHasIt = snapshot.Routes.Any(route => route.Table == RoutingTables.Main && route.IsDefault && route.Type == RouteType.Unicast
            && route.Device == plan.Primary.Name && route.Protocol != RouteProtocols.BootRoute && Equals(route.Gateway, plan.Primary.Gateway));
        return primaryHasIt ? null : snapshot.Routes.FirstOrDefault(route => route.Key == plan.PrimaryDefault.Key
            && route.Protocol != RouteProtocols.BootRoute && route.Device is not null
            && !plan.Interfaces.Any(nic => nic.Name == route.Device));
    }
}
