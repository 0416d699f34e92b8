using BootRoute.Model;
using BootRoute.Settings;

namespace BootRoute.Discovery;

/// <summary>
/// Decisions for a run a DHCP hook started for one interface (<c>apply --interface IF</c>). Pure.
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

    /// <summary>
    /// True once the interface's lease (from the first source that has one) names an address the
    /// interface holds: ISC dhclient runs its hooks before it writes the lease file, so right after
    /// a renumbering the file still holds the old address.
    /// </summary>
    public static bool LeaseSettled(HostSnapshot snapshot, IReadOnlyList<Lease> leases, string name)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(leases);
        var lease = leases.FirstOrDefault(lease => lease.Interface == name);
        return lease is not null && snapshot.AddressesOf(name).Any(address => address.Address.Equals(lease.Address));
    }
}
