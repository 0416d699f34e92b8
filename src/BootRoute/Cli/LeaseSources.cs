using BootRoute.Discovery;
using BootRoute.Discovery.Dhclient;
using BootRoute.Discovery.Dhcpcd;
using BootRoute.Discovery.Networkd;
using BootRoute.Discovery.NetworkManager;
using BootRoute.Discovery.Kernel;
using BootRoute.Discovery.OpenStack;
using BootRoute.Discovery.Static;
using BootRoute.Model;
using BootRoute.Persistence;
using BootRoute.Persistence.Detection;
using BootRoute.Settings;

namespace BootRoute.Cli;

/// <summary>The lease sources <c>leases.sources</c> names, in that order.</summary>
internal static class LeaseSources
{
    /// <param name="image">The files the static source reads a static NIC's gateway from (persist.root).</param>
    public static IReadOnlyList<ILeaseSource> For(LeaseSettings settings, IRootFileSystem image) =>
        settings.Sources.Select(name => Create(name, settings, image)).ToList();

    private static ILeaseSource Create(string name, LeaseSettings settings, IRootFileSystem image) => name switch
    {
        LeaseSourceNames.Dhclient => new DhclientLeaseSource(settings.DhclientDirectories),
        LeaseSourceNames.Dhcpcd => new DhcpcdLeaseSource(settings.DhcpcdDirectory),
        LeaseSourceNames.Networkd => new NetworkdLeaseSource(settings.NetworkdDirectory),
        LeaseSourceNames.NetworkManager => new NetworkManagerLeaseSource(settings.NetworkManagerDirectory),
        LeaseSourceNames.OpenStack => new OpenStackLeaseSource(settings.OpenStackDirectory),
        LeaseSourceNames.Kernel => new KernelLeaseSource(),
        LeaseSourceNames.Static => new StaticAddressLeaseSource((link, address) => StaticGateways.Find(image, link, address)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "settings validation admits only LeaseSourceNames"),
    };
}
