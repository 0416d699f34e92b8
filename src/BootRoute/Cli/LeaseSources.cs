using BootRoute.Discovery;
using BootRoute.Discovery.Dhclient;
using BootRoute.Settings;

namespace BootRoute.Cli;

/// <summary>The lease sources <c>leases.sources</c> names, in that order.</summary>
internal static class LeaseSources
{
    public static IReadOnlyList<ILeaseSource> For(LeaseSettings settings) =>
        settings.Sources.Select(name => Create(name, settings)).OfType<ILeaseSource>().ToList();

#pragma warning disable CA1859 // until the other sources join the switch
    private static ILeaseSource? Create(string name, LeaseSettings settings) => name switch
    {
        LeaseSourceNames.Dhclient => new DhclientLeaseSource(settings.DhclientDirectories),
        _ => null,
    };
}
