using BootRoute.Model;
using BootRoute.Settings;

namespace BootRoute.Planning;

/// <summary>
/// Whether a run a DHCP hook started for one interface (<c>apply --interface IF</c>) concerns
/// BootRoute at all: the same selection the planner makes, asked for one NIC before anything waits
/// or locks. Pure.
/// </summary>
public static class TriggeringInterface
{
    /// <summary>
    /// Null when BootRoute manages (or, in automatic mode, may manage) the interface, else why not:
    /// configured mode manages the listed NICs (by name or MAC) only; automatic mode any NIC its
    /// filter admits, whether or not its lease is readable yet.
    /// </summary>
    public static string? WhyNotManaged(AgentSettings settings, HostSnapshot snapshot, string name)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(snapshot);
        var link = snapshot.FindLink(name);
        if (settings.IsAutomatic)
        {
            return link is null ? "no such interface" : AutomaticSelection.WhyNot(link);
        }
        bool listed = settings.Interfaces.Any(selection => selection.Name == name
            || (selection.Mac is not null && link?.MacAddress is not null && selection.Mac.Equals(link.MacAddress)));
        return listed ? null : "not listed under interfaces:";
    }
}
