using System.Net;
using System.Net.NetworkInformation;
using BootRoute.Discovery;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Tests.Planning;
using Moq;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>
/// IPv6 from sources other than the kernel (OpenStack, dhclient -6) merged into the kernel's view by
/// <see cref="IPv6Interface.Find"/>: one code path, the kernel first where both know.
/// </summary>
public sealed class IPv6LeaseMergeTests
{
    private static readonly Link Ens4 = new(3, "ens4", PhysicalAddress.Parse("fa-16-3e-00-00-03"), 1500, true, false);
    private const string Source = "openstack:/mnt/config/openstack/latest/network_data.json";

    private static HostSnapshot Snapshot(IReadOnlyList<InterfaceAddress> addresses, IReadOnlyList<Route> routes, params IPv6Lease[] leases) =>
        new([Ens4], [], [], []) { IPv6 = new FamilyState(addresses, routes, []), IPv6Leases = leases };

    private static Route RaDefault(string router) =>
        new(RoutingTables.Main, IPNetworkExtensions.DefaultIPv6, "ens4", IPAddress.Parse(router), Protocol: RouteProtocols.RouterAdvertisement, Metric: 1024);

    [Fact]
    public void A_static_address_the_kernel_does_not_hold_yet_counts_with_the_sources_gateway()
    {
        var snapshot = Snapshot([], [], new IPv6Lease("ens4", IPAddress.Parse("2001:db8:9d14::70d"), 64, IPAddress.Parse("2001:db8:9d14::1"), Source));

        var (found, problem) = IPv6Interface.Find(snapshot, Ens4);

        Assert.Null(problem);
        Assert.Equal([IPAddress.Parse("2001:db8:9d14::70d")], found!.Addresses.Select(address => address.Address));
        Assert.Equal([IPNetwork.Parse("2001:db8:9d14::/64")], found.Prefixes);
        Assert.Equal(IPAddress.Parse("2001:db8:9d14::1"), found.Router);
    }

    [Fact]
    public void After_renumbering_both_prefixes_count_and_the_new_stable_address_is_the_preferred_source()
    {
        var old = new InterfaceAddress(3, "ens4", IPAddress.Parse("2001:db8:2::10"), 64, RouteScope.Universe, IsDynamic: true, IsDeprecated: true);
        var renumbered = new InterfaceAddress(3, "ens4", IPAddress.Parse("2001:db8:12::10"), 64, RouteScope.Universe, IsDynamic: true);
        var privacy = renumbered with { Address = IPAddress.Parse("2001:db8:12::9c1e"), IsTemporary = true };

        var found = IPv6Interface.Find(Snapshot([old, privacy, renumbered], [RaDefault("fe80::2")]), Ens4).Found!;

        Assert.Equal(IPAddress.Parse("2001:db8:12::10"), found.PreferredSource);
        Assert.Equal([IPNetwork.Parse("2001:db8:12::/64"), IPNetwork.Parse("2001:db8:2::/64")], found.Prefixes.OrderBy(prefix => prefix.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public void A_tentative_address_a_source_names_counts_and_the_kernels_router_comes_first()
    {
        var tentative = new InterfaceAddress(3, "ens4", IPAddress.Parse("2001:db8:2::20"), 64, RouteScope.Universe, IsTentative: true);
        var unnamed = tentative with { Address = IPAddress.Parse("2001:db8:2::21") };
        var snapshot = Snapshot([tentative, unnamed], [RaDefault("fe80::2")],
            new IPv6Lease("ens4", IPAddress.Parse("2001:db8:2::20"), 128, IPAddress.Parse("2001:db8:2::1"), "dhclient:/var/lib/dhcp/dhclient6.ens4.leases"));

        var found = IPv6Interface.Find(snapshot, Ens4).Found!;

        Assert.Equal([IPAddress.Parse("2001:db8:2::20")], found.Addresses.Select(address => address.Address));
        Assert.Equal(IPAddress.Parse("fe80::2"), found.Router);
    }

    [Fact]
    public void Without_a_router_from_the_kernel_or_the_source_a_nic_has_no_ipv6_side_and_another_nics_lease_is_not_its()
    {
        var other = new IPv6Lease("ens5", IPAddress.Parse("2001:db8:5::10"), 64, IPAddress.Parse("2001:db8:5::1"), Source);

        Assert.Equal("ens4: no global IPv6 address", IPv6Interface.Find(Snapshot([], [], other), Ens4).Problem);
        Assert.StartsWith("ens4: no IPv6 router", IPv6Interface.Find(Snapshot([], [], new IPv6Lease("ens4", IPAddress.Parse("2001:db8:4::10"), 128, null, "dhclient:x")), Ens4).Problem,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_ipv6_secondary_known_only_from_the_config_drive_is_planned()
    {
        var host = SampleHost.TwoNics();
        var snapshot = host.Snapshot with
        {
            IPv6Leases =
            [
                new IPv6Lease("ens3", IPAddress.Parse("2001:db8:1::10"), 64, IPAddress.Parse("2001:db8:1::1"), Source),
                new IPv6Lease("ens4", IPAddress.Parse("2001:db8:2::10"), 64, IPAddress.Parse("2001:db8:2::1"), Source),
            ],
        };

        var ipv6 = Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, snapshot, host.Leases)).Plan.IPv6!;

        Assert.Equal(
        [
            "2001:db8:1::/64 dev ens3 table 101 proto 200 metric 1024", "default via 2001:db8:1::1 dev ens3 table 101 proto 200 metric 1024",
            "2001:db8:2::/64 dev ens4 table 102 proto 200 metric 1024", "default via 2001:db8:2::1 dev ens4 table 102 proto 200 metric 1024",
        ], ipv6.OwnedRoutes.Select(route => route.ToString()));
    }

    [Fact]
    public void The_first_source_that_knows_a_nics_ipv6_wins_and_an_expired_address_is_dropped()
    {
        var now = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var expired = new IPv6Lease("ens4", IPAddress.Parse("2001:db8:4::10"), 128, null, "dhclient:/x") { Expiry = now.AddMinutes(-1) };
        var fresh = new IPv6Lease("ens5", IPAddress.Parse("2001:db8:5::10"), 128, null, "dhclient:/y") { Expiry = now.AddHours(1) };
        var first = new Mock<ILeaseSource>();
        first.Setup(source => source.Name).Returns("dhclient");
        first.Setup(source => source.Read(It.IsAny<HostSnapshot>())).Returns(new LeaseReadResult([], []) { IPv6 = [expired, fresh] });
        var second = new Mock<ILeaseSource>();
        second.Setup(source => source.Name).Returns("openstack");
        second.Setup(source => source.Read(It.IsAny<HostSnapshot>())).Returns(new LeaseReadResult([], [])
        {
            IPv6 = [fresh with { Address = IPAddress.Parse("2001:db8:5::99"), Source = Source }, expired with { Expiry = null, Source = Source }],
        });

        var result = LeaseReader.Read([first.Object, second.Object], new HostSnapshot([], [], [], []), now);

        Assert.Equal(["ens5 2001:db8:5::10 dhclient:/y", $"ens4 2001:db8:4::10 {Source}"], result.IPv6.Select(lease => $"{lease.Interface} {lease.Address} {lease.Source}"));
        Assert.Equal("dhclient:/x: the IPv6 address 2001:db8:4::10 of ens4 expired at 2026-11-23 09:59:00Z; ignored", Assert.Single(result.Diagnostics));
    }
}
