using System.Net.Sockets;
using BootRoute.Model;
using BootRoute.Netlink;
using BootRoute.Sysctl;

namespace BootRoute.Discovery;

/// <summary>Reads the kernel's IPv4 and IPv6 routing state, and the sysctls multihoming depends on, into one <see cref="HostSnapshot"/>.</summary>
public static class KernelState
{
    public static HostSnapshot Read(INetlink netlink, ISysctl? sysctl = null)
    {
        var links = netlink.ListLinks();
        var snapshot = new HostSnapshot(
            links, netlink.ListAddresses(AddressFamily.InterNetwork), netlink.ListRoutes(AddressFamily.InterNetwork), netlink.ListRules(AddressFamily.InterNetwork))
        {
            IPv6 = new FamilyState(
                netlink.ListAddresses(AddressFamily.InterNetworkV6),
                netlink.ListRoutes(AddressFamily.InterNetworkV6),
                netlink.ListRules(AddressFamily.InterNetworkV6)),
        };
        if (sysctl is null)
        {
            return snapshot;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in links.Where(link => !link.IsLoopback).Select(link => link.Name).Prepend(SysctlKeys.All))
        {
            foreach (var key in SysctlKeys.For(name))
            {
                if (sysctl.Read(key) is { } value)
                {
                    values[key] = value;
                }
            }
        }
        return snapshot with { Sysctls = values };
    }
}
