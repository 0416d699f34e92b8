using System.Net;
using System.Net.Sockets;
using BootRoute.Model;
using BootRoute.Planning;

namespace BootRoute.State;

/// <summary>
/// What a state.json must hold before any of it is used. The file lies where root alone should
/// write, but a crash, a full disk or a hand edit can leave anything: null lists, a null original, a
/// route the kernel would refuse on every run, or a sysctl key such as <c>../../../etc/shadow</c> that
/// <c>remove</c> would write to. Only what <see cref="AppliedState"/> can record passes: main-table
/// IPv4 default routes, the four per-interface sysctls of <see cref="SysctlKeys"/> with a number, and
/// adopted routes and rules of the shapes the planner makes, and one slot per NIC name.
/// </summary>
internal static class StateDocumentCheck
{
    private static readonly string[] SysctlNames = ["rp_filter", "arp_filter", "arp_ignore", "arp_announce"];

    private static readonly string[] IPv6SysctlNames = ["accept_ra_defrtr"];

    /// <summary>The first thing wrong with the document, named by its JSON path; null when it can be used.</summary>
    public static string? FirstProblem(StateDocument? document)
    {
        if (document is null)
        {
            return "the document is null";
        }
        if (document.RemovedMainDefaults is null)
        {
            return "removedMainDefaults is missing or null";
        }
        if (document.Sysctls is null)
        {
            return "sysctls is missing or null";
        }
        return ListProblem("removedMainDefaults", document.RemovedMainDefaults, RouteProblem)
            ?? ListProblem("sysctls", document.Sysctls, SysctlProblem)
            ?? ListProblem("adoptedRoutes", document.AdoptedRoutes ?? [], AdoptedRouteProblem)
            ?? ListProblem("adoptedRules", document.AdoptedRules ?? [], AdoptedRuleProblem)
            ?? ListProblem("slots", document.Slots ?? [], SlotProblem)
            ?? DuplicateSlot(document.Slots ?? []);
    }

    /// <summary>A slot belongs to one NIC by its name, within the range the planner gives out.</summary>
    private static string? SlotProblem(SlotDocument? slot) => slot switch
    {
        null => " is null",
        _ when slot.Interface is not { } name || !IsInterfaceName(name) => ".interface is missing or not an interface name",
        { Slot: < 1 or > Candidates.MaximumSlot } => $".slot {slot.Slot} is not from 1 to {Candidates.MaximumSlot}",
        _ => null,
    };

    /// <summary>Two NICs on one slot, or one NIC on two, would make the planner's choice depend on the order of the file.</summary>
    private static string? DuplicateSlot(List<SlotDocument> slots)
    {
        for (int index = 1; index < slots.Count; index++)
        {
            var earlier = slots.Take(index);
            if (earlier.Any(slot => slot.Interface == slots[index].Interface || slot.Slot == slots[index].Slot))
            {
                return $"slots[{index}] repeats an interface or a slot of an earlier entry";
            }
        }
        return null;
    }

    private static string? ListProblem<T>(string name, List<T> items, Func<T, string?> check)
    {
        for (int index = 0; index < items.Count; index++)
        {
            if (check(items[index]) is { } problem)
            {
                return $"{name}[{index}]{problem}";
            }
        }
        return null;
    }

    /// <summary>
    /// An adopted route is one of a NIC's table's routes, as the planner makes them: IPv4 unicast, in a
    /// table of BootRoute's range (not one the kernel reserves), through an interface, and not tagged as
    /// BootRoute's (remove puts it back under the hand-made protocol).
    /// </summary>
    private static string? AdoptedRouteProblem(RouteDocument? route) => route switch
    {
        null => " is null",
        _ when RoutingTables.IsReserved(route.Table) => $".table {route.Table} is reserved by the kernel",
        _ when !IPNetwork.TryParse(route.Destination ?? "", out var destination) || destination != destination.Normalize()
            => ".destination is not an IPv4 or IPv6 network",
        _ when route.Device is not { } device || !IsInterfaceName(device) => ".device is missing or not an interface name",
        { Gateway: { } gateway } when !IsOfFamily(gateway, route.Destination) => $".gateway is not an {FamilyName(route.Destination)} address",
        { PreferredSource: { } source } when !IsOfFamily(source, route.Destination) => $".preferredSource is not an {FamilyName(route.Destination)} address",
        { Protocol: RouteProtocols.BootRoute } => ".protocol is BootRoute's own (200), not a hand-made route's",
        _ when !Enum.IsDefined((RouteScope)route.Scope) => $".scope {route.Scope} is not a route scope",
        { Type: not (byte)RouteType.Unicast } => $".type {route.Type} is not unicast",
        _ => null,
    };

    /// <summary>
    /// An adopted rule has one of the two shapes BootRoute plans: "from A/32 lookup T" (IPv6: "from
    /// PREFIX lookup T") with T outside the reserved tables, or "from all lookup main
    /// suppress_prefixlength 0"; at a priority below main's rule.
    /// </summary>
    private static string? AdoptedRuleProblem(RuleDocument? rule) => rule switch
    {
        null => " is null",
        { Priority: 0 or >= 32766 } => $".priority {rule.Priority} is not from 1 to 32765",
        { Family: not (null or RuleDocument.Inet6) } => $".family is not {RuleDocument.Inet6} or absent",
        { Protocol: RouteProtocols.BootRoute } => ".protocol is BootRoute's own (200), not a hand-made rule's",
        { Source: null, Table: RoutingTables.Main, SuppressPrefixLength: 0 } => null,
        { Source: null } => ".source is missing (only the main-table suppress_prefixlength 0 rule has none)",
        { SuppressPrefixLength: not null } => ".suppressPrefixLength is only for the main-table rule without a source",
        { Family: RuleDocument.Inet6 } when !IPNetwork.TryParse(rule.Source, out var source)
            || source.BaseAddress.AddressFamily != AddressFamily.InterNetworkV6 || source.PrefixLength == 0 || source != source.Normalize()
            => ".source is not an IPv6 prefix",
        { Family: null } when !IPNetwork.TryParse(rule.Source, out var source)
            || source.BaseAddress.AddressFamily != AddressFamily.InterNetwork || source.PrefixLength != 32
            => ".source is not an IPv4 address/32",
        _ when RoutingTables.IsReserved(rule.Table) => $".table {rule.Table} is reserved by the kernel",
        _ => null,
    };

    private static string? RouteProblem(RouteDocument? route) => route switch
    {
        null => " is null",
        { Table: not RoutingTables.Main } => $".table is {route.Table}, not the main table ({RoutingTables.Main})",
        _ when !IPNetwork.TryParse(route.Destination ?? "", out var destination) || destination.PrefixLength != 0
            => ".destination is not 0.0.0.0/0 or ::/0",
        { Device: { } device } when !IsInterfaceName(device) => ".device is not an interface name",
        { Gateway: { } gateway } when !IsOfFamily(gateway, route.Destination) => $".gateway is not an {FamilyName(route.Destination)} address",
        { PreferredSource: { } source } when !IsOfFamily(source, route.Destination) => $".preferredSource is not an {FamilyName(route.Destination)} address",
        _ when !Enum.IsDefined((RouteScope)route.Scope) => $".scope {route.Scope} is not a route scope",
        _ when !Enum.IsDefined((RouteType)route.Type) => $".type {route.Type} is not a route type",
        _ => null,
    };

    private static string? SysctlProblem(SysctlOriginal? sysctl)
    {
        if (sysctl is null)
        {
            return " is null";
        }
        if (sysctl.Key is not { } key || !IsBootRouteSysctl(key))
        {
            return ".key is not one of the net/ipv4/conf/<interface>/{rp_filter,arp_filter,arp_ignore,arp_announce} or net/ipv6/conf/<interface>/accept_ra_defrtr BootRoute sets";
        }
        // These sysctls are small integers; anything else would be refused on every restore.
        return sysctl.Original is { Length: > 0 and <= 11 } original && int.TryParse(original, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? null
            : ".original is missing, null or not a number";
    }

    private static bool IsBootRouteSysctl(string key)
    {
        string[] parts = key.Split('/');
        return parts is ["net", "ipv4" or "ipv6", "conf", var name, var sysctl]
            && (name == SysctlKeys.All || IsInterfaceName(name))
            && (parts[1] == "ipv4" ? SysctlNames : IPv6SysctlNames).Contains(sysctl, StringComparer.Ordinal);
    }

    /// <summary>The kernel's dev_valid_name(): 1–15 bytes, not "." or "..", no '/', ':', whitespace or control characters.</summary>
    private static bool IsInterfaceName(string name) =>
        name.Length is >= 1 and <= 15 && name is not ("." or "..")
        && !name.Any(c => c is '/' or ':' || c < 0x21 || c > 0x7E);

    /// <summary>Whether an address is of the family of a destination already checked to parse.</summary>
    private static bool IsOfFamily(string text, string? destination) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == IPNetwork.Parse(destination ?? "").BaseAddress.AddressFamily;

    private static string FamilyName(string? destination) =>
        IPNetwork.Parse(destination ?? "").BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
}
