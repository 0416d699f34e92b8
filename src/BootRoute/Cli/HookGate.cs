using BootRoute.Discovery;
using BootRoute.Netlink;
using BootRoute.Persistence;
using BootRoute.Planning;
using BootRoute.Settings;

namespace BootRoute.Cli;

/// <summary>
/// The gate in front of a hook-started apply (<c>apply --interface IF --reason R</c>): an interface
/// BootRoute does not manage ends the run at once, quietly, with exit 0; for one it manages, the run
/// waits (before taking the lock, bounded by discovery.timeout) until the interface's lease matches
/// its address, then applies as usual. Configured interfaces are waited for by the apply's own
/// discovery; the wait here is what automatic mode needs, which otherwise takes whatever is there.
/// </summary>
internal static class HookGate
{
    /// <returns>True when the apply should run.</returns>
    /// <exception cref="NetlinkException">The kernel's state cannot be read.</exception>
    public static bool ShouldRun(AgentSettings settings, string interfaceName, string? reason)
    {
        using var netlink = RtnetlinkClient.Open();
        // Quiet while waiting: a lease event is routine, and the hook's own log line says what happened.
        var discoverer = new Discoverer(netlink, LeaseSources.ForHost(settings), sysctl: null, TimeProvider.System, _ => { });
        if (TriggeringInterface.WhyNotManaged(settings, KernelState.Read(netlink), interfaceName) is not null)
        {
            return false;
        }
        AgentHost.Progress($"{interfaceName}: {reason ?? "lease event"}; re-applying");
        // A DHCPv6 event (dhclient -6's BOUND6 …, NetworkManager's dhcp6-change) changed no IPv4 lease:
        // waiting for the IPv4 record to match would only wait out discovery.timeout on an IPv6-only NIC.
        if (!settings.IsAutomatic || IsIPv6Event(reason))
        {
            return true;
        }
        var settled = ReadinessChecks.LeaseSettled(interfaceName);
        var discovered = discoverer.WaitAsync(settled, settings.Discovery.Timeout, CancellationToken.None).GetAwaiter().GetResult();
        if (settled(discovered).Count > 0)
        {
            AgentHost.Progress($"{interfaceName}: no lease for its address after {settings.Discovery.Timeout.TotalSeconds:0}s (discovery.timeout); applying what there is");
        }
        return true;
    }

    /// <summary>dhclient's and dhcpcd's IPv6 reasons end in 6; NetworkManager's action is dhcp6-change.</summary>
    public static bool IsIPv6Event(string? reason) =>
        reason is not null && (reason.EndsWith('6') || reason == "dhcp6-change");
}
