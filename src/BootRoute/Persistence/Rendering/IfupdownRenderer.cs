using System.Text;
using BootRoute.Planning;

namespace BootRoute.Persistence.Rendering;

/// <summary>
/// ifupdown and the DHCP clients it runs (network-stacks.md §1a, §1d). ifupdown has no DEFROUTE, so:
/// <list type="bullet">
/// <item>dhclient: an enter hook (sourced by dhclient-script before it acts) that empties
/// <c>new_routers</c> and drops the 0.0.0.0/0 entry of option 121 for non-primary NICs;</item>
/// <item>dhcpcd: <c>nogateway</c> for non-primary NICs in a block at the end of dhcpcd.conf (dhcpcd
/// installs routes itself, so no hook can stop it);</item>
/// <item>tables and rules: a second, <c>manual</c> iface stanza per NIC in interfaces.d whose post-up
/// lines recreate exactly BootRoute's objects (proto 200, so BootRoute's next run sees its own) after
/// the NIC's own stanza brought it up, and whose pre-down lines remove them; for a NIC managed in IPv6
/// too, the same with <c>ip -6</c>, and when it is not IPv6's primary <c>accept_ra_defrtr</c> off and
/// its router-advertised default out of main (ifupdown leaves advertisements to the kernel).</item>
/// </list>
/// Pure.
/// </summary>
public static class IfupdownRenderer
{
    public static Rendering Render(RoutingPlan plan, IReadOnlyList<IfupdownTarget> targets)
    {
        var files = new List<PersistedFile>();
        var notes = new List<string>();
        var nics = new List<(PlannedInterface Nic, IfupdownTarget Target)>();
        foreach (var target in targets)
        {
            var nic = plan.Interfaces.Single(nic => nic.Name == target.Interface);
            if (RoutingParts.IsShellSafe(nic.Name))
            {
                nics.Add((nic, target));
            }
            else
            {
                notes.Add($"{nic.Name}: not persisted for ifupdown: the name does not fit in a shell word");
            }
        }

        var dhclient = nics.Where(pair => pair.Target.Dhclient && !pair.Nic.IsPrimary).Select(pair => pair.Nic.Name).ToList();
        if (dhclient.Count > 0)
        {
            files.Add(new OwnedFile(Paths.Stacks.DhclientEnterHook, DhclientEnterHook(dhclient), PersistedFile.Readable));
        }
        var dhcpcd = nics.Where(pair => pair.Target.Dhcpcd && !pair.Nic.IsPrimary).Select(pair => pair.Nic.Name).ToList();
        if (dhcpcd.Count > 0)
        {
            files.Add(new FileBlock(Paths.Stacks.DhcpcdConf, DhcpcdBlock(dhcpcd), PersistedFile.Readable));
        }
        foreach (var group in nics.Where(pair => pair.Target.StanzaFile is not null).GroupBy(pair => pair.Target.StanzaFile!))
        {
            files.Add(new OwnedFile(group.Key, Stanzas(plan, group.Select(pair => pair.Nic)), PersistedFile.Readable));
        }
        return new Rendering(files, notes);
    }

    /// <summary>
    /// Sourced by dhclient-script (dash) in run-parts order before it configures anything: it must not
    /// exit, must not fail, and keeps its variables to a bootroute_ prefix. Option 121 is a list of
    /// "width, significant destination octets, four router octets"; an entry of width 0 is the default.
    /// </summary>
    public static string DhclientEnterHook(IReadOnlyList<string> secondaries)
    {
        var text = new StringBuilder();
        text.Append(PersistedFile.OwnedHeader).Append('\n');
        text.Append("""
            # DEFROUTE=no for the interfaces below: dhclient-script, which sources this file before it
            # acts, installs no default route for them, neither from option 3 (routers) nor from the
            # 0.0.0.0/0 entry of option 121. Their default lives in their own routing table (BootRoute).

            """.Replace("\r", "", StringComparison.Ordinal));
        text.Append("case \"$interface\" in\n").Append(string.Join('|', secondaries)).Append(")\n");
        text.Append("""
            	new_routers=
            	bootroute_kept=
            	set -- $new_rfc3442_classless_static_routes
            	while [ $# -ge 5 ]; do
            		case $1 in [0-9]|[12][0-9]|3[0-2]) ;; *) break ;; esac
            		bootroute_take=$(( ($1 + 7) / 8 + 5 ))
            		[ $# -ge "$bootroute_take" ] || break
            		bootroute_width=$1
            		bootroute_entry=
            		while [ "$bootroute_take" -gt 0 ]; do
            			bootroute_entry="$bootroute_entry $1"
            			shift
            			bootroute_take=$((bootroute_take - 1))
            		done
            		[ "$bootroute_width" = 0 ] || bootroute_kept="$bootroute_kept$bootroute_entry"
            	done
            	new_rfc3442_classless_static_routes=${bootroute_kept# }
            	unset bootroute_kept bootroute_take bootroute_width bootroute_entry
            	;;
            esac

            """.Replace("\r", "", StringComparison.Ordinal));
        return text.ToString();
    }

    /// <summary>dhcpcd.conf(5): options after <c>interface X</c> apply to X only, up to the next interface line.</summary>
    public static string DhcpcdBlock(IReadOnlyList<string> secondaries)
    {
        var text = new StringBuilder();
        foreach (var name in secondaries)
        {
            text.Append("# DEFROUTE=no: its default lives in its own routing table (BootRoute)\n");
            text.Append("interface ").Append(name).Append("\nnogateway\n");
        }
        return text.ToString();
    }

    private static string Stanzas(RoutingPlan plan, IEnumerable<PlannedInterface> nics)
    {
        var text = new StringBuilder();
        text.Append(PersistedFile.OwnedHeader).Append('\n');
        text.Append("""
            # BootRoute's routing table and rules for each interface, recreated after the interface's own
            # stanza has brought it up. A second iface stanza adds to the first; "manual" configures nothing.


            """.Replace("\r", "", StringComparison.Ordinal));
        foreach (var nic in nics)
        {
            var rules = RoutingParts.AllRules(plan, nic);
            var ipv6 = RoutingParts.IPv6Of(plan, nic.Name);
            text.Append("iface ").Append(nic.Name).Append(" inet manual\n");
            AppendPostUp(text, "ip", RoutingParts.TableRoutes(plan, nic), rules);
            if (ipv6 is not null)
            {
                AppendPostUp(text, "ip -6", ipv6.TableRoutes, ipv6.AllRules);
                if (ipv6.IsSecondary)
                {
                    // Not IPv6's primary: the kernel, which handles router advertisements under ifupdown,
                    // must not take its router's default again, and one taken before this line goes.
                    text.Append("    post-up echo 0 > /proc/sys/net/ipv6/conf/").Append(nic.Name).Append("/accept_ra_defrtr || true\n");
                    text.Append("    post-up ip -6 route del default dev ").Append(nic.Name).Append(" proto ra 2>/dev/null || true\n");
                }
            }
            text.Append("    post-up ip route flush cache || true\n");
            AppendPreDown(text, "ip", nic.Table, rules);
            if (ipv6 is not null)
            {
                AppendPreDown(text, "ip -6", ipv6.Nic.Table, ipv6.AllRules);
            }
            text.Append('\n');
        }
        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <param name="ip">"ip" or "ip -6": the family's command.</param>
    private static void AppendPostUp(StringBuilder text, string ip, IReadOnlyList<Model.Route> routes, IReadOnlyList<Model.PolicyRule> rules)
    {
        foreach (var route in routes)
        {
            text.Append("    post-up ").Append(ip).Append(" route replace ").Append(route).Append(" || true\n");
        }
        foreach (var rule in rules)
        {
            // EEXIST on a rule that is already there is fine.
            text.Append("    post-up ").Append(ip).Append(" rule add ").Append(RoutingParts.IpRuleArguments(rule)).Append(" 2>/dev/null || true\n");
        }
    }

    private static void AppendPreDown(StringBuilder text, string ip, uint table, IReadOnlyList<Model.PolicyRule> rules)
    {
        foreach (var rule in Enumerable.Reverse(rules))
        {
            text.Append("    pre-down ").Append(ip).Append(" rule del ").Append(RoutingParts.IpRuleArguments(rule)).Append(" || true\n");
        }
        text.Append("    pre-down ").Append(ip).Append(" route flush table ").Append(table).Append(" proto ")
            .Append(Model.RouteProtocols.ToIpArgument(Model.RouteProtocols.BootRoute)).Append(" || true\n");
    }
}
