using BootRoute.Model;
using BootRoute.Netlink;

namespace BootRoute.Discovery;

/// <summary>Reads the kernel's IPv4 routing state into one <see cref="HostSnapshot"/>.</summary>
public static class KernelState
{
    public static HostSnapshot Read(INetlink netlink) =>
        new(netlink.ListLinks(), netlink.ListAddresses(), netlink.ListRoutes(), netlink.ListRules());
}
