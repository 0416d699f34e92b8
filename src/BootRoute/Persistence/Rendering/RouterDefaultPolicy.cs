namespace BootRoute.Persistence.Rendering;

/// <summary>
/// How each stack's files keep a router's advertised IPv6 default off a NIC that is not IPv6's
/// primary, in words for the report (the issue asks that it says so). Mirrors what the renderers
/// write. Pure.
/// </summary>
public static class RouterDefaultPolicy
{
    /// <param name="dhcpSecondary">The NIC is not IPv4's primary (netplan's dhcp6-overrides then already say never-default).</param>
    public static string How(StackTarget target, bool dhcpSecondary) => target switch
    {
        NetplanTarget { Networkd: true } => "[IPv6AcceptRA] UseGateway=no in the drop-in for netplan's networkd file",
        NetplanTarget { Dhcp6: true } when dhcpSecondary => "netplan dhcp6-overrides use-routes: false (ipv6.never-default for NetworkManager)",
        NetplanTarget => "netplan networkmanager passthrough ipv6.never-default=true",
        NetworkdTarget => "[IPv6AcceptRA] UseGateway=no",
        NetworkManagerTarget { Format: ProfileFormat.Ifcfg } => "IPV6_DEFROUTE=no (ipv6.never-default)",
        NetworkManagerTarget => "ipv6.never-default=true",
        IfcfgTarget => "IPV6_DEFROUTE=no; initscripts leave it to the kernel, where bootroute apply at boot sets accept_ra_defrtr=0",
        IfupdownTarget { StanzaFile: not null } => "accept_ra_defrtr=0 and the default deleted by post-up lines in its stanza",
        _ => "only by bootroute apply (accept_ra_defrtr=0), not persisted",
    };

    /// <summary>The target with its reason extended for a NIC that is IPv6's secondary; others unchanged.</summary>
    public static StackTarget Describe(StackTarget target, Planning.RoutingPlan plan)
    {
        if (RoutingParts.IPv6Of(plan, target.Interface) is not { IsSecondary: true })
        {
            return target;
        }
        bool dhcpSecondary = plan.Interfaces.Any(nic => nic.Name == target.Interface && !nic.IsPrimary);
        return target with { Reason = $"{target.Reason}; its IPv6 router's default is kept out of main by {How(target, dhcpSecondary)}" };
    }
}
