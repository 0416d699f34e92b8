using BootRoute.Planning;

namespace BootRoute.Persistence.Rendering;

/// <summary>
/// RHEL initscripts (network-scripts, network-stacks.md §1b): <c>DEFROUTE=no</c> (yes on the primary)
/// in a block at the end of the NIC's ifcfg file (sourced by the shell, so the last assignment wins
/// over the file's own), and blocks in <c>route-&lt;if&gt;</c> and <c>rule-&lt;if&gt;</c> whose lines
/// ifup-routes hands to <c>ip route add</c> and <c>ip rule add</c>: exactly BootRoute's objects,
/// proto 200 included, so BootRoute's next run sees its own. A NIC managed in IPv6 too gets the same in
/// <c>route6-&lt;if&gt;</c> and <c>rule6-&lt;if&gt;</c> (handed to <c>ip -6 route add</c> and <c>ip -6 rule
/// add</c>) and <c>IPV6_DEFROUTE=no</c> when it is not IPv6's primary: NetworkManager's ifcfg-rh reader
/// takes it as ipv6.never-default; initscripts leave router advertisements to the kernel, where
/// BootRoute's apply at boot turns <c>accept_ra_defrtr</c> off. Pure.
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
            var ipv6 = RoutingParts.IPv6Of(plan, nic.Name);
            string defroute = $"DEFROUTE={(nic.IsPrimary ? "yes" : "no")}\n";
            if (ipv6 is not null)
            {
                defroute += $"IPV6_DEFROUTE={(ipv6.IsSecondary ? "no" : "yes")}\n";
            }
            files.Add(new FileBlock(target.IfcfgPath, defroute, PersistedFile.Readable));
            files.Add(new FileBlock($"{Paths.Stacks.NetworkScripts}/route-{nic.Name}", Lines(RoutingParts.TableRoutes(plan, nic).Select(route => route.ToString())), PersistedFile.Readable));
            files.Add(new FileBlock($"{Paths.Stacks.NetworkScripts}/rule-{nic.Name}", Lines(RoutingParts.AllRules(plan, nic).Select(RoutingParts.IpRuleArguments)), PersistedFile.Readable));
            if (ipv6 is not null)
            {
                files.Add(new FileBlock($"{Paths.Stacks.NetworkScripts}/route6-{nic.Name}", Lines(ipv6.TableRoutes.Select(route => route.ToString())), PersistedFile.Readable));
                files.Add(new FileBlock($"{Paths.Stacks.NetworkScripts}/rule6-{nic.Name}", Lines(ipv6.AllRules.Select(RoutingParts.IpRuleArguments)), PersistedFile.Readable));
            }
        }
        return new Rendering(files, notes);
    }

    private static string Lines(IEnumerable<string> lines) => string.Concat(lines.Select(line => line + "\n"));
}
