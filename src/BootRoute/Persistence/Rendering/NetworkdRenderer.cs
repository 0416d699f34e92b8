using System.Globalization;
using System.Text;
using BootRoute.Model;
using BootRoute.Planning;

namespace BootRoute.Persistence.Rendering;

/// <summary>
/// systemd-networkd (systemd.network(5), network-stacks.md §1c): a drop-in
/// <c>/etc/systemd/network/&lt;file&gt;.network.d/90-bootroute.conf</c> for the .network file that
/// configures each NIC (netplan's generated 10-netplan-ens4.network included; /etc wins over /run,
/// and "90-" over earlier drop-ins). networkd removes on every reload the rules and routes its files
/// do not name (ManageForeignRoutingPolicyRules=, ManageForeignRoutes=, default yes), so the drop-in
/// names them all: the table's routes as [Route] with <c>Protocol=200</c> (networkd then creates
/// exactly BootRoute's own routes), the rules as [RoutingPolicyRule] (networkd has no protocol for
/// rules: they come back as "proto static", which BootRoute recognises as carried for it), and
/// <c>[DHCPv4] UseGateway=no</c> on non-primary NICs (DEFROUTE=no; yes on the primary). A NIC managed
/// in IPv6 too gets its IPv6 table's routes and rules the same way, and <c>[IPv6AcceptRA]
/// UseGateway=no</c> when it is not IPv6's primary: networkd, which handles router advertisements
/// itself, then installs no default from them. Not <c>RouteTable=</c>: it would put the
/// advertisement's routes into BootRoute's table under networkd's protocol, beside BootRoute's own. Pure.
/// </summary>
public static class NetworkdRenderer
{
    public static Rendering Render(RoutingPlan plan, IReadOnlyList<NetworkdTarget> targets)
    {
        var files = new List<PersistedFile>();
        foreach (var target in targets)
        {
            var nic = plan.Interfaces.Single(nic => nic.Name == target.Interface);
            files.Add(new OwnedFile(DropInPath(target.NetworkFile), DropIn(plan, nic), PersistedFile.Readable));
        }
        return new Rendering(files, []);
    }

    public static string DropInPath(string networkFile) => $"{Paths.Stacks.NetworkdDropInDirectory}/{networkFile}.d/{Paths.Stacks.NetworkdDropInName}";

    private static string DropIn(RoutingPlan plan, PlannedInterface nic)
    {
        var text = new StringBuilder();
        text.Append(PersistedFile.OwnedHeader).Append('\n');
        text.Append("# ").Append(nic.Name).Append(nic.IsPrimary ? ": primary (DEFROUTE=yes)" : ": DEFROUTE=no")
            .Append("; its own routing table ").Append(Number(nic.Table)).Append(" and rules\n\n");
        text.Append("[DHCPv4]\nUseGateway=").Append(nic.IsPrimary ? "yes" : "no").Append('\n');
        var ipv6 = RoutingParts.IPv6Of(plan, nic.Name);
        if (ipv6 is not null)
        {
            // networkd handles router advertisements itself (the kernel's accept_ra is off under it).
            text.Append("\n[IPv6AcceptRA]\nUseGateway=").Append(ipv6.IsSecondary ? "no" : "yes").Append('\n');
        }
        foreach (var route in RoutingParts.TableRoutes(plan, nic).Concat(ipv6?.TableRoutes ?? []))
        {
            AppendRoute(text, route);
        }
        foreach (var rule in RoutingParts.AllRules(plan, nic).Concat(ipv6?.AllRules ?? []))
        {
            AppendRule(text, rule);
        }
        return text.ToString();
    }

    private static void AppendRoute(StringBuilder text, Route route)
    {
        text.Append("\n[Route]\n");
        if (!route.Destination.IsDefault())
        {
            text.Append("Destination=").Append(route.Destination).Append('\n');
        }
        if (route.Gateway is { } gateway)
        {
            text.Append("Gateway=").Append(gateway).Append('\n');
        }
        if (route.OnLink)
        {
            text.Append("GatewayOnLink=yes\n");
        }
        if (route.PreferredSource is { } source)
        {
            text.Append("PreferredSource=").Append(source).Append('\n');
        }
        if (route.Scope == RouteScope.Link)
        {
            text.Append("Scope=link\n");
        }
        // IPv6 routes carry the metric the kernel reads back (1024); IPv4's are planned without one.
        if (route.Destination.IsIPv6() && route.Metric is { } metric)
        {
            text.Append("Metric=").Append(Number(metric)).Append('\n');
        }
        text.Append("Table=").Append(Number(route.Table)).Append('\n');
        text.Append("Protocol=").Append(Number(RouteProtocols.BootRoute)).Append('\n');
    }

    private static void AppendRule(StringBuilder text, PolicyRule rule)
    {
        text.Append("\n[RoutingPolicyRule]\n");
        if (rule.Source is { } from)
        {
            text.Append("From=").Append(from).Append('\n');
        }
        else
        {
            text.Append(rule.IsIPv6 ? "Family=ipv6\n" : "Family=ipv4\n");
        }
        if (rule.Destination is { } to)
        {
            text.Append("To=").Append(to).Append('\n');
        }
        if (rule.SuppressPrefixLength is { } suppressLength)
        {
            text.Append("SuppressPrefixLength=").Append(Number(suppressLength)).Append('\n');
        }
        text.Append("Table=").Append(Number(rule.Table)).Append('\n');
        text.Append("Priority=").Append(Number(rule.Priority)).Append('\n');
    }

    private static string Number(uint value) => value.ToString(CultureInfo.InvariantCulture);
}
