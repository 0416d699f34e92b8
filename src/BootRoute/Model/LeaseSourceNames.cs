namespace BootRoute.Model;

/// <summary>
/// The lease sources by name, as <c>leases.sources</c> lists them and as each source names itself,
/// in the default order.
/// </summary>
public static class LeaseSourceNames
{
    public const string Dhclient = "dhclient";
    public const string Dhcpcd = "dhcpcd";
    public const string Networkd = "networkd";
    public const string NetworkManager = "networkmanager";
    public const string OpenStack = "openstack";
    public const string Kernel = "kernel";
    public const string Static = "static";

    /// <summary>
    /// DHCP clients' own records first (they know the gateway even when the kernel's default route
    /// lost the race), then metadata, then the kernel's DHCP routes as the last resort for a lease,
    /// then static addressing: a NIC any DHCP source knows is a DHCP NIC, whatever else it holds.
    /// </summary>
    public static IReadOnlyList<string> All { get; } = [Dhclient, Dhcpcd, Networkd, NetworkManager, OpenStack, Kernel, Static];
}
