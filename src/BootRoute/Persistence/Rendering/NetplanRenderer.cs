using System.Globalization;
using System.Text;
using BootRoute.Model;
using BootRoute.Planning;

namespace BootRoute.Persistence.Rendering;

/// <summary>
/// netplan (network-stacks.md §1c): one file, /etc/netplan/90-bootroute.yaml (mode 0600), using the
/// same ids under the same device types as the image's own files, so netplan merges it into their
/// definitions: each NIC's table as <c>routes</c> with <c>table</c>, its rules as <c>routing-policy</c>
/// with BootRoute's priorities, and for non-primary NICs <c>dhcp4-overrides: {use-routes: false}</c>
/// (DEFROUTE=no; networkd also takes the default from option 121 as a DHCP route). Where the
/// definition also runs DHCPv6, dhcp6-overrides must say the same: networkd has one [DHCP] section.
/// netplan has no key for <c>suppress_prefixlength</c>; that rule stays BootRoute's alone.
/// use-routes: false also stops networkd asking for option 121, so the next boot's lease would hold no
/// classless routes and the NIC's table would lose them (issue #16); netplan has no key to ask for an
/// option, so a networkd drop-in for the file netplan generates (<c>10-netplan-&lt;id&gt;.network</c>)
/// adds <c>RequestOptions=121</c>: the lease keeps the routes, networkd still installs none of them.
/// A NIC managed in IPv6 too gets its IPv6 table's routes (<c>::/0</c> via its router's link-local
/// address) and its <c>from &lt;prefix&gt;</c> rules beside the IPv4 ones; when it is not IPv6's primary,
/// its router's advertised default is kept out of main: netplan 0.106 has no key for that (no
/// <c>ra-overrides</c>), so for networkd the same drop-in says <c>[IPv6AcceptRA] UseGateway=no</c>, and
/// for NetworkManager <c>networkmanager.passthrough</c> sets <c>ipv6.never-default</c>. Pure.
/// </summary>
public static class NetplanRenderer
{
    public static Rendering Render(RoutingPlan plan, IReadOnlyList<NetplanTarget> targets)
    {
        if (targets.Count == 0)
        {
            return Rendering.Empty;
        }
        var text = new StringBuilder();
        var files = new List<PersistedFile>();
        var notes = new List<string>();
        text.Append(PersistedFile.OwnedHeader).Append('\n');
        text.Append("# Source-based routing of each NIC, merged into the image's own definitions of the same ids.\n");
        text.Append("network:\n  version: 2\n");
        foreach (var group in targets.GroupBy(target => target.DeviceType))
        {
            text.Append("  ").Append(group.Key).Append(":\n");
            foreach (var target in group)
            {
                AppendDefinition(text, plan, target, files, notes);
            }
        }
        if (targets.Any(target => target.Interface == plan.Primary.Name) && plan.Rules.Any(rule => rule.SuppressPrefixLength == 0))
        {
            notes.Add(plan.IPv6 is null
                ? "netplan cannot express the \"lookup main suppress_prefixlength 0\" rule; after `netplan apply` it is back only when bootroute runs again"
                : "netplan cannot express the \"lookup main suppress_prefixlength 0\" rules (IPv4 and IPv6); after `netplan apply` they are back only when bootroute runs again");
        }
        files.Insert(0, new OwnedFile(Paths.Stacks.NetplanFile, text.ToString(), PersistedFile.Private));
        return new Rendering(files, notes);
    }

    /// <summary>One definition: the same id as the image's, with the NIC's tables, rules and default policy of both families.</summary>
    private static void AppendDefinition(StringBuilder text, RoutingPlan plan, NetplanTarget target, List<PersistedFile> files, List<string> notes)
    {
        var nic = plan.Interfaces.Single(nic => nic.Name == target.Interface);
        var ipv6 = RoutingParts.IPv6Of(plan, nic.Name);
        text.Append("    ").Append(Scalar(target.Id)).Append(":\n");
        if (!nic.IsPrimary)
        {
            text.Append("      dhcp4-overrides:\n        use-routes: false\n");
            if (target.Dhcp6)
            {
                text.Append("      dhcp6-overrides:\n        use-routes: false\n");
            }
        }
        bool raSecondary = ipv6 is { IsSecondary: true };
        // For NetworkManager, dhcp6-overrides' use-routes: false already renders ipv6.never-default.
        if (raSecondary && !target.Networkd && !(target.Dhcp6 && !nic.IsPrimary))
        {
            text.Append("      networkmanager:\n        passthrough:\n          ipv6.never-default: \"true\"\n");
        }
        if (target.Networkd && (!nic.IsPrimary || raSecondary))
        {
            AddDropIn(target, !nic.IsPrimary, raSecondary, files, notes);
        }
        text.Append("      routes:\n");
        foreach (var route in RoutingParts.TableRoutes(plan, nic).Concat(ipv6?.TableRoutes ?? []))
        {
            AppendRoute(text, route);
        }
        text.Append("      routing-policy:\n");
        foreach (var rule in RoutingParts.SourceRules(plan, nic).Concat(ipv6?.SourceRules ?? []))
        {
            text.Append("        - from: ").Append(rule.Source!.Value.ToIpString());
            if (rule.Destination is { } to)
            {
                text.Append("\n          to: ").Append(to);
            }
            text.Append("\n          table: ").Append(rule.Table.ToString(CultureInfo.InvariantCulture))
                .Append("\n          priority: ").Append(rule.Priority.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    /// <summary>
    /// The drop-in for the .network file netplan generates: on an IPv4 secondary it keeps option 121 in
    /// the lease under use-routes: false; on an IPv6 secondary it keeps the router-advertised default
    /// out of main (netplan 0.106 has no key for it). netplan refuses ids that are not valid names, so
    /// one that could leave the directory is never written.
    /// </summary>
    private static void AddDropIn(NetplanTarget target, bool dhcpSecondary, bool raSecondary, List<PersistedFile> files, List<string> notes)
    {
        if (!RoutingParts.IsShellSafe(target.Id) || target.Id.StartsWith('.'))
        {
            notes.Add(dhcpSecondary
                ? $"netplan id '{PrintableText.Escape(target.Id)}' is no file name: its option 121 routes are not asked for after a reboot"
                : $"netplan id '{PrintableText.Escape(target.Id)}' is no file name: its router's IPv6 default is back in main after a reboot until bootroute runs");
            return;
        }
        var text = new StringBuilder(PersistedFile.OwnedHeader).Append('\n');
        if (dhcpSecondary)
        {
            text.Append("# ").Append(target.Interface).Append(": netplan's use-routes: false keeps its DHCP routes out of the main table but also stops\n")
                .Append("# networkd asking for option 121; asking for it keeps the classless routes in the lease, so BootRoute\n")
                .Append("# finds them again at every boot and keeps them in the NIC's own table.\n\n")
                .Append("[DHCPv4]\nRequestOptions=121\n");
        }
        if (raSecondary)
        {
            text.Append(dhcpSecondary ? "\n" : "")
                .Append("# ").Append(target.Interface).Append(": not IPv6's primary: its router's advertised default stays out of the main table;\n")
                .Append("# BootRoute keeps it in the NIC's own table.\n\n")
                .Append("[IPv6AcceptRA]\nUseGateway=no\n");
        }
        files.Add(new OwnedFile(NetworkdRenderer.DropInPath(NetplanNetworkFile(target.Id)), text.ToString(), PersistedFile.Readable));
    }

    /// <summary>The .network file netplan's networkd renderer generates for a definition.</summary>
    private static string NetplanNetworkFile(string id) => $"10-netplan-{id}.network";

    private static void AppendRoute(StringBuilder text, Route route)
    {
        text.Append("        - to: ").Append(route.Destination.IsDefault() ? (route.Destination.IsIPv6() ? "::/0" : "0.0.0.0/0") : route.Destination.ToString()).Append('\n');
        if (route.Gateway is { } gateway)
        {
            text.Append("          via: ").Append(gateway).Append('\n');
        }
        if (route.OnLink)
        {
            text.Append("          on-link: true\n");
        }
        if (route.Scope == RouteScope.Link)
        {
            text.Append("          scope: link\n");
        }
        if (route.PreferredSource is { } source)
        {
            text.Append("          from: ").Append(source).Append('\n');
        }
        // IPv6 routes carry the metric the kernel reads back (1024); IPv4's are planned without one.
        if (route.Destination.IsIPv6() && route.Metric is { } metric)
        {
            text.Append("          metric: ").Append(metric.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        text.Append("          table: ").Append(route.Table.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary>Ids are interface names or netplan's own labels; quote any that YAML could read as something else.</summary>
    private static string Scalar(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') && !char.IsAsciiDigit(value[0])
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
