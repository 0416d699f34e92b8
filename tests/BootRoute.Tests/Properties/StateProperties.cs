using System.Net;
using BootRoute.Model;
using BootRoute.State;
using CsCheck;
using Xunit;

namespace BootRoute.Tests.Properties;

/// <summary>state.json: what a run writes, the next reads back; whatever else lies there is a <see cref="StateException"/>.</summary>
public sealed class StateProperties
{
    private static readonly Gen<Route> RemovedDefault = Gen.Select(
        Gen.Int[0, 9].Select(n => $"ens{n}"), LeaseModel.Unicast.Null(0.2), LeaseModel.Unicast.Null(0.5),
        Gen.OneOf(RouteProtocols.Dhcp, RouteProtocols.BootRoute, (byte)3, (byte)4), Gen.UInt.Nullable(0.3), Gen.Bool,
        (device, gateway, source, protocol, metric, onLink) => new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, device, gateway,
            PreferredSource: source, Protocol: protocol, Metric: metric, OnLink: onLink));

    private static readonly Gen<SysctlOriginal> Sysctl = Gen.Select(
        Gen.OneOf("all", "ens4", "eth0", "e-1.2"), Gen.OneOf("rp_filter", "arp_filter", "arp_ignore", "arp_announce"), Gen.Int[-1, 8],
        (name, key, value) => new SysctlOriginal($"net/ipv4/conf/{name}/{key}", value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>One slot per NIC name and one NIC per slot, as the planner records them.</summary>
    private static readonly Gen<InterfaceSlot[]> Slots = Gen.Select(Gen.Int[0, 9], Gen.Int[1, 4096]).Array[0, 5]
        .Select(pairs => pairs.DistinctBy(pair => pair.Item1).DistinctBy(pair => pair.Item2).Select(pair => new InterfaceSlot($"ens{pair.Item1}", pair.Item2)).ToArray());

    private static readonly Gen<AppliedState> States = Gen.Select(RemovedDefault.Array[0, 4], Sysctl.Array[0, 6], Slots,
        (routes, sysctls, slots) => new AppliedState(routes, sysctls.DistinctBy(s => s.Key).ToArray()) { Slots = slots });

    [Fact]
    public void A_saved_state_loads_back_equal() =>
        States.Sample(state => WithStore(store =>
        {
            store.Save(state);
            var loaded = store.Load();
            Assert.Equal(state.RemovedMainDefaults, loaded.RemovedMainDefaults);
            Assert.Equal(state.Sysctls, loaded.Sysctls);
            Assert.Equal(state.Slots, loaded.Slots);
        }), iter: 300);

    /// <summary>Saved files, mutated (a hand edit, a crash mid-write, a forged file), load or fail with a StateException.</summary>
    [Fact]
    public void Any_state_file_loads_or_fails_with_a_state_exception() =>
        Gen.Frequency((4, Hostile.Mutated(States.Select(Json))), (1, Hostile.Noise),
                (1, Gen.Int[1, 5_000].Select(n => "{\"version\":1,\"sysctls\":" + new string('[', n) + new string(']', n) + "}")))
            .Sample(text => WithStore(store =>
            {
                File.WriteAllBytes(store.FilePath, Hostile.Utf8(text));
                Hostile.InBoundedTime(() =>
                {
                    try
                    {
                        _ = store.Load();
                    }
                    catch (StateException e)
                    {
                        Assert.StartsWith(store.FilePath, e.Message, StringComparison.Ordinal);
                    }
                });
            }), iter: 1_000);

    private static string Json(AppliedState state) => WithStore(store =>
    {
        store.Save(state);
        return File.ReadAllText(store.FilePath);
    });

    private static T WithStore<T>(Func<FileStateStore, T> use)
    {
        string directory = Directory.CreateTempSubdirectory("bootroute-props-state-").FullName;
        try
        {
            return use(new FileStateStore(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void WithStore(Action<FileStateStore> use) => WithStore<bool>(store =>
    {
        use(store);
        return true;
    });
}
