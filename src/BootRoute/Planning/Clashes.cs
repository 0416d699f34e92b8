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
        var problems = new List<string>();
        var priorities = plan.Rules.GroupBy(rule => rule.Priority)
            .ToDictionary(group => group.Key, group => group.First());
        foreach (var rule in snapshot.Rules.Where(rule => rule.Protocol != RouteProtocols.BootRoute && priorities.ContainsKey(rule.Priority)
                     && !plan.IsCarried(rule, carried) && !plan.IsAdoptable(rule, carried)))
        {
            problems.Add($"foreign rule \"{rule.Priority}: {rule.Selector()}\" holds priority {rule.Priority}, which BootRoute needs for "
                + $"\"{priorities[rule.Priority].Selector()}\"; move it or set routing.priority_base");
        }
        var tables = plan.Tables.ToDictionary(table => table.Id, table => table.Name);
        foreach (var route in snapshot.Routes.Where(route => route.Protocol != RouteProtocols.BootRoute && tables.ContainsKey(route.Table)
                     && !plan.IsCarried(route, carried) && !plan.IsAdoptable(route, carried)))
        {
            problems.Add($"foreign route \"{route}\" is in table {route.Table}, which BootRoute needs for {tables[route.Table]}; "
                + "remove it or set routing.table_base or interfaces[].table");
        }
        return problems;
    }
}
