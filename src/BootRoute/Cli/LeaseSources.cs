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
using BootRoute.State;

namespace BootRoute.Cli;

/// <summary>The lease sources <c>leases.sources</c> names, in that order.</summary>
internal static class LeaseSources
{
    /// <summary>
    /// The sources as a run on this host reads them: the image under persist.root, and the record in
    /// <paramref name="state"/> (the run's own store, so state.json is read once per run), or else in
    /// state.directory.
    /// </summary>
    public static IReadOnlyList<ILeaseSource> ForHost(AgentSettings settings, IStateStore? state = null)
    {
        var recorded = state ?? new RecordedStateStore(new FileStateStore(settings.State.Directory));
        return For(settings.Leases, new RootFileSystem(settings.Persist.Root), () => RemovedDefaults(recorded));
    }

    /// <param name="image">The files the static source reads a static NIC's gateway from (persist.root).</param>
    /// <param name="removedDefaults">The DHCP defaults a past apply removed (state.json), for the kernel source.</param>
    public static IReadOnlyList<ILeaseSource> For(LeaseSettings settings, IRootFileSystem image, Func<IReadOnlyList<Route>> removedDefaults) =>
        settings.Sources.Select(name => Create(name, settings, image, removedDefaults)).ToList();

    private static ILeaseSource Create(string name, LeaseSettings settings, IRootFileSystem image, Func<IReadOnlyList<Route>> removedDefaults) => name switch
    {
        LeaseSourceNames.Dhclient => new DhclientLeaseSource(settings.DhclientDirectories),
        LeaseSourceNames.Dhcpcd => new DhcpcdLeaseSource(settings.DhcpcdDirectory),
        LeaseSourceNames.Networkd => new NetworkdLeaseSource(settings.NetworkdDirectory),
        LeaseSourceNames.NetworkManager => new NetworkManagerLeaseSource(settings.NetworkManagerDirectory),
        LeaseSourceNames.OpenStack => new OpenStackLeaseSource(settings.OpenStackDirectory),
        LeaseSourceNames.Kernel => new KernelLeaseSource(removedDefaults),
        LeaseSourceNames.Static => new StaticAddressLeaseSource((link, address) => StaticGateways.Find(image, link, address), removedDefaults),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "settings validation admits only LeaseSourceNames"),
    };

    /// <summary>
    /// What state.json says apply removed. A state file that cannot be read costs the kernel source
    /// only this memory: apply and remove say what is wrong with it themselves.
    /// </summary>
    private static IReadOnlyList<Route> RemovedDefaults(IStateStore state)
    {
        try
        {
            return state.Load().RemovedMainDefaults;
        }
        catch (StateException)
        {
            return [];
        }
    }
}
