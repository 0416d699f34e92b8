using BootRoute.Model;
using BootRoute.Settings;

namespace BootRoute.Planning;

/// <summary>
/// Why one managed NIC means nothing to do, in words that are true of the host: "a single NIC" only
/// when the instance has one, "a DHCP lease" only when the lease came from a DHCP client, and the
/// NICs left out named with what would bring them in. An operator whose second NIC is dead must not
/// read that the instance has one NIC.
/// </summary>
internal static class NothingToDoReason
{
    public static string For(AgentSettings settings, HostSnapshot snapshot, Candidate only, IReadOnlyList<HeldInterface> held)
    {
        string name = only.Link.Name;
        if (held.Count > 0)
        {
            return $"only {name} can be managed ({Names(held.Select(nic => nic.Name))} held): one managed NIC needs no policy routing";
        }
        string has = IsStatic(only.Leased.Lease) ? "a static address and gateway" : "a DHCP lease";
        var others = settings.IsAutomatic
            ? snapshot.Links.Where(link => link.Name != name && AutomaticSelection.WhyNot(link) is null).Select(link => link.Name)
                .OrderBy(other => other, NaturalNameComparer.Instance).ToList()
            : [];
        return others.Count == 0
            ? $"only {name} has {has}: a single NIC needs no policy routing"
            : $"only {name} has {has}: {Names(others)} {(others.Count == 1 ? "has" : "have")} neither a lease nor a static address "
                + $"with a gateway (looked in: {settings.Leases.Describe()}), and one managed NIC needs no policy routing; "
                + "list them in interfaces[] with address and gateway to manage them";
    }

    /// <summary>Leases that stand for static addressing: the kernel's static pair, the image's static gateway, or <c>interfaces[].address</c>.</summary>
    public static bool IsStatic(Lease lease) =>
        lease.Source.StartsWith(LeaseSourceNames.Static + ":", StringComparison.Ordinal) || lease.Source == InterfaceSelection.ConfiguredAddressOrigin;

    private static string Names(IEnumerable<string> names) => string.Join(", ", names);
}
