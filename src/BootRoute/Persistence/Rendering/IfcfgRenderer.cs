using System.Text;
using BootRoute.Planning;

namespace BootRoute.Persistence.Rendering;

/// <summary>
/// RHEL initscripts (network-scripts, network-stacks.md §1b): <c>DEFROUTE=no</c> (yes on the primary)
/// in a block at the end of the NIC's ifcfg file (sourced by the shell, so the last assignment wins
/// over the file's own), and blocks in <c>route-&lt;if&gt;</c> and <c>rule-&lt;if&gt;</c> whose lines
/// ifup-routes hands to <c>ip route add</c> and <c>ip rule add</c>: exactly BootRoute's objects,
/// proto 200 included, so BootRoute's next run sees its own. Pure.
/// </summary>
public static class IfcfgRenderer
{
    public static Rendering Render(RoutingPlan plan, IReadOnlyList<IfcfgTarget> targets)
    {
        var files = new List<PersistedFile>();
        var notes = new List<string>();
        foreach (var target in targets)
        {
            var nic = plan.Interfaces.Single(nic => nic.Name == target.Interface);
            if (!RoutingParts.IsShellSafe(nic.Name))
            {
                notes.Add($"{nic.Name}: not persisted for ifcfg: the name does not fit in a shell word");
                continue;
            }
            files.Add(new FileBlock(target.IfcfgPath, $"DEFROUTE={(nic.IsPrimary ? "yes" : "no")}\n", PersistedFile.Readable));
            var routes = new StringBuilder();
            foreach (var route in RoutingParts.TableRoutes(plan, nic))
            {
                routes.Append(route).Append('\n');
            }
            files.Add(new FileBlock($"{Paths.Stacks.NetworkScripts}/route-{nic.Name}", routes.ToString(), PersistedFile.Readable));
            var rules = new StringBuilder();
            if (RoutingParts.SuppressRule(plan, nic) is { } suppress)
            {
                rules.Append(RoutingParts.IpRuleArguments(suppress)).Append('\n');
            }
            foreach (var rule in RoutingParts.SourceRules(plan, nic))
            {
                rules.Append(RoutingParts.IpRuleArguments(rule)).Append('\n');
            }
            files.Add(new FileBlock($"{Paths.Stacks.NetworkScripts}/rule-{nic.Name}", rules.ToString(), PersistedFile.Readable));
        }
        return new Rendering(files, notes);
    }
}
