using BootRoute.Netlink;
using BootRoute.Sysctl;

namespace BootRoute.Apply;

/// <summary>What operations act on: routes and rules over rtnetlink, host settings through sysctls.</summary>
public sealed record KernelTarget(INetlink Netlink, ISysctl Sysctl);
