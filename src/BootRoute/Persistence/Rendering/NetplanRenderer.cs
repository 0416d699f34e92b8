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
/// adds <c>RequestOptions=121</c>: the lease keeps the routes, networkd still installs none of them. Pure.
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
                var nic = plan.Interfaces.Single(nic => nic.Name == target.Interface);
                text.Append("    ").Append(Scalar(target.Id)).Append(":\n");
                if (!nic.IsPrimary)
                {
                    text.Append("      dhcp4-overrides:\n        use-routes: false\n");
                    if (target.Dhcp6)
                    {
                        text.Append("      dhcp6-overrides:\n        use-routes: false\n");
                    }
                    if (target.Networkd)
                    {
                        AddOptionRequest(target, files, notes);
                    }
                }
                text.Append("      routes:\n");
                foreach (var route in RoutingParts.TableRoutes(plan, nic))
                {
                    AppendRoute(text, route);
                }
                text.Append("      routing-policy:\n");
                foreach (var rule in RoutingParts.SourceRules(plan, nic))
                {
                    text.Append("        - from: ").Append(rule.Source!.Value.BaseAddress);
                    if (rule.Destination is { } to)
                    {
                        text.Append("\n          to: ").Append(to);
                    }
                    text.Append("\n          table: ").Append(rule.Table.ToString(CultureInfo.InvariantCulture))
                        .Append("\n          priority: ").Append(rule.Priority.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }
        if (targets.Any(target => target.Interface == plan.Primary.Name) && plan.Rules.Any(rule => rule.SuppressPrefixLength == 0))
        {
            notes.Add("netplan cannot express the \"lookup main suppress_prefixlength 0\" rule; after `netplan apply` it is back only when bootroute runs again");
        }
        files.Insert(0, new OwnedFile(Paths.Stacks.NetplanFile, text.ToString(), PersistedFile.Private));
        return new Rendering(files, notes);
    }

    /// <summary>
    /// The drop-in that keeps option 121 in a non-primary NIC's lease under use-routes: false. netplan
    /// refuses ids that are not valid names, so one that could leave the directory is never written.
    /// </summary>
    private static void AddOptionRequest(NetplanTarget target, List<PersistedFile> files, List<string> notes)
    {
        if (!RoutingParts.IsShellSafe(target.Id) || target.Id.StartsWith('.'))
        {
            notes.Add($"netplan id '{PrintableText.Escape(target.Id)}' is no file name: its option 121 routes are not asked for after a reboot");
            return;
        }
        string text = PersistedFile.OwnedHeader + "\n"
            + "# " + target.Interface + ": netplan's use-routes: false keeps its DHCP routes out of the main table but also stops\n"
            + "# networkd asking for option 121; asking for it keeps the classless routes in the lease, so BootRoute\n"
            + "# finds them again at every boot and keeps them in the NIC's own table.\n\n"
            + "[DHCPv4]\nRequestOptions=121\n";
        files.Add(new OwnedFile(NetworkdRenderer.DropInPath(NetplanNetworkFile(target.Id)), text, PersistedFile.Readable));
    }

    /// <summary>The .network file netplan's networkd renderer generates for a definition.</summary>
    private static string NetplanNetworkFile(string id) => $"10-netplan-{id}.network";

    private static void AppendRoute(StringBuilder text, Route route)
    {
        text.Append("        - to: ").Append(route.Destination.IsDefault() ? "0.0.0.0/0" : route.Destination.ToString()).Append('\n');
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
        text.Append("          table: ").Append(route.Table.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary>Ids are interface names or netplan's own labels; quote any that YAML could read as something else.</summary>
    private static string Scalar(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') && !char.IsAsciiDigit(value[0])
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
