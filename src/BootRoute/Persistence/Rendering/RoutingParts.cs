using BootRoute.Model;
using BootRoute.Planning;

namespace BootRoute.Persistence.Rendering;

/// <summary>The parts of a <see cref="RoutingPlan"/> that belong to one NIC's configuration. Pure.</summary>
internal static class RoutingParts
{
    /// <summary>The routes of the NIC's own table (connected route, default via its gateway, option 121 routes).</summary>
    public static IReadOnlyList<Route> TableRoutes(RoutingPlan plan, PlannedInterface nic) =>
        plan.Tables.Where(table => table.Id == nic.Table).SelectMany(table => table.Routes).ToList();

    /// <summary>
    /// The <c>from &lt;address&gt; lookup &lt;table&gt;</c> rules of the NIC's addresses, and when it
    /// shares a subnet with another NIC its <c>from &lt;address&gt; to &lt;subnet&gt;</c> rules: a stack that
    /// removes rules its files do not name (networkd) would otherwise delete them at every reload.
    /// </summary>
    public static IReadOnlyList<PolicyRule> SourceRules(RoutingPlan plan, PlannedInterface nic) =>
        plan.Rules.Where(rule => rule.Source is not null && rule.Table == nic.Table
            && (rule.Priority == nic.Priority || rule.Destination is not null)).ToList();

    /// <summary>
    /// <c>from all lookup main suppress_prefixlength 0</c>: not any NIC's, so it travels with the
    /// primary's configuration, which is up whenever the instance has a default route.
    /// </summary>
    public static PolicyRule? SuppressRule(RoutingPlan plan, PlannedInterface nic) =>
        nic.IsPrimary ? plan.Rules.FirstOrDefault(rule => rule.Source is null && rule.SuppressPrefixLength == 0) : null;

    /// <summary>The suppress rule (on the primary) first, then the NIC's source rules: the order every stack gets them in.</summary>
    public static IReadOnlyList<PolicyRule> AllRules(RoutingPlan plan, PlannedInterface nic)
    {
        var rules = SourceRules(plan, nic).ToList();
        if (SuppressRule(plan, nic) is { } suppress)
        {
            rules.Insert(0, suppress);
        }
        return rules;
    }

    /// <summary>
    /// The NIC's side in the plan's IPv6 half (<see cref="RoutingPlan.IPv6"/>), with that half to take
    /// its routes and rules from; null when the NIC is managed in IPv4 only. Its <c>IsPrimary</c> is
    /// IPv6's: only the primary keeps the router-advertised default in main.
    /// </summary>
    public static IPv6Side? IPv6Of(RoutingPlan plan, string name) =>
        plan.IPv6?.Interfaces.FirstOrDefault(nic => nic.Name == name) is { } nic ? new IPv6Side(plan.IPv6, nic) : null;

    /// <summary>`ip rule add` arguments: "priority 102 from 100.64.2.10 lookup 102 proto 200".</summary>
    public static string IpRuleArguments(PolicyRule rule) =>
        $"priority {rule.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)} {rule.Selector()}";

    /// <summary>
    /// Names that stay one word, unquoted, in the shell lines and ip arguments the ifupdown, ifcfg and
    /// dhclient files hold. The kernel allows almost any byte in a name; cloud NICs never use others.
    /// </summary>
    public static bool IsShellSafe(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@');
}
