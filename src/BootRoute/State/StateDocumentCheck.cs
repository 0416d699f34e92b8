using System.Net;
using System.Net.Sockets;
using BootRoute.Model;

namespace BootRoute.State;

/// <summary>
/// What a state.json must hold before any of it is used. The file lies where root alone should
/// write, but a crash, a full disk or a hand edit can leave anything: null lists, a null original, a
/// route the kernel would refuse on every run, or a sysctl key such as <c>../../../etc/shadow</c> that
/// <c>remove</c> would write to. Only what <see cref="AppliedState"/> can record passes: main-table
/// IPv4 default routes, and the four per-interface sysctls of <see cref="SysctlKeys"/> with a number.
/// </summary>
internal static class StateDocumentCheck
{
    private static readonly string[] SysctlNames = ["rp_filter", "arp_filter", "arp_ignore", "arp_announce"];

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
        for (int index = 0; index < document.RemovedMainDefaults.Count; index++)
        {
            if (RouteProblem(document.RemovedMainDefaults[index]) is { } problem)
            {
                return $"removedMainDefaults[{index}]{problem}";
            }
        }
        for (int index = 0; index < document.Sysctls.Count; index++)
        {
            if (SysctlProblem(document.Sysctls[index]) is { } problem)
            {
                return $"sysctls[{index}]{problem}";
            }
        }
        return null;
    }

    private static string? RouteProblem(RouteDocument? route) => route switch
    {
        null => " is null",
        { Table: not RoutingTables.Main } => $".table is {route.Table}, not the main table ({RoutingTables.Main})",
        _ when !IPNetwork.TryParse(route.Destination ?? "", out var destination)
            || destination.BaseAddress.AddressFamily != AddressFamily.InterNetwork || destination.PrefixLength != 0
            => ".destination is not 0.0.0.0/0",
        { Device: { } device } when !IsInterfaceName(device) => ".device is not an interface name",
        { Gateway: { } gateway } when !IsIPv4(gateway) => ".gateway is not an IPv4 address",
        { PreferredSource: { } source } when !IsIPv4(source) => ".preferredSource is not an IPv4 address",
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
            return ".key is not one of the net/ipv4/conf/<interface>/{rp_filter,arp_filter,arp_ignore,arp_announce} BootRoute sets";
        }
        // These sysctls are small integers; anything else would be refused on every restore.
        return sysctl.Original is { Length: > 0 and <= 11 } original && int.TryParse(original, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? null
            : ".original is missing, null or not a number";
    }

    private static bool IsBootRouteSysctl(string key)
    {
        string[] parts = key.Split('/');
        return parts is ["net", "ipv4", "conf", var name, var sysctl]
            && (name == SysctlKeys.All || IsInterfaceName(name))
            && SysctlNames.Contains(sysctl, StringComparer.Ordinal);
    }

    /// <summary>The kernel's dev_valid_name(): 1–15 bytes, not "." or "..", no '/', ':', whitespace or control characters.</summary>
    private static bool IsInterfaceName(string name) =>
        name.Length is >= 1 and <= 15 && name is not ("." or "..")
        && !name.Any(c => c is '/' or ':' || c < 0x21 || c > 0x7E);

    private static bool IsIPv4(string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork;
}
