using System.Net;
using System.Net.Sockets;
using BootRoute.Discovery;
using BootRoute.Model;
using BootRoute.Netlink;
using BootRoute.Planning;
using BootRoute.Settings;
using BootRoute.Tests.Planning;
using Moq;
using Xunit;

namespace BootRoute.Tests.Discovery;

public class DiscovererTests
{
    private static readonly AgentSettings BothNics = SampleHost.Configured(
        new InterfaceSelection("ens3", null, null, null),
        new InterfaceSelection("ens4", null, null, null)) with { Discovery = new DiscoverySettings(TimeSpan.FromSeconds(3)) };

    private static Mock<INetlink> Kernel(HostSnapshot snapshot)
    {
        var netlink = new Mock<INetlink>();
        netlink.Setup(kernel => kernel.ListLinks()).Returns(snapshot.Links);
        netlink.Setup(kernel => kernel.ListAddresses(It.IsAny<AddressFamily>())).Returns((AddressFamily family) => snapshot.InFamily(family).Addresses);
        netlink.Setup(kernel => kernel.ListRoutes(It.IsAny<AddressFamily>())).Returns((AddressFamily family) => snapshot.InFamily(family).Routes);
        netlink.Setup(kernel => kernel.ListRules(It.IsAny<AddressFamily>())).Returns((AddressFamily family) => snapshot.InFamily(family).Rules);
        return netlink;
    }

    /// <summary>A lease source whose ens4 lease shows up only from the given read on.</summary>
    private sealed class LateLease(IReadOnlyList<Lease> leases, int arrivesOnRead) : ILeaseSource
    {
        public int Reads { get; private set; }

        public string Name => "dhclient";

        public LeaseReadResult Read(HostSnapshot snapshot)
        {
            Reads++;
            return new LeaseReadResult(Reads >= arrivesOnRead ? leases : leases.Where(lease => lease.Interface != "ens4").ToList(), []);
        }
    }

    [Fact]
    public async Task A_configured_nic_whose_lease_comes_late_is_waited_for()
    {
        var host = SampleHost.TwoNics();
        var source = new LateLease(host.Leases, arrivesOnRead: 3);
        var progress = new List<string>();

        var discovered = await Wait(BothNics, host, source, progress.Add);

        Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(BothNics, discovered.Snapshot, discovered.Leases));
        Assert.Equal(3, source.Reads);
        Assert.StartsWith("waiting up to ", Assert.Single(progress));
        Assert.Contains("ens4: no DHCP lease found", progress[0]);
    }

    [Fact]
    public async Task At_the_deadline_the_missing_nic_is_named()
    {
        var host = SampleHost.TwoNics();
        var settings = BothNics with { Discovery = new DiscoverySettings(TimeSpan.FromMilliseconds(600)) };
        var source = new LateLease(host.Leases, arrivesOnRead: int.MaxValue);

        var discovered = await Wait(settings, host, source, _ => { });

        var outcome = Planner.Plan(settings, discovered.Snapshot, discovered.Leases);
        Assert.StartsWith("ens4: no DHCP lease found", Assert.Single(outcome.Held).Reason);
        Assert.InRange(source.Reads, 2, 10);
    }

    [Fact]
    public async Task Automatic_mode_never_waits()
    {
        var host = SampleHost.TwoNics().WithoutLease("ens3").WithoutLease("ens4");
        var source = new LateLease(host.Leases, arrivesOnRead: 1);
        var settings = AgentSettings.Defaults with { Discovery = new DiscoverySettings(TimeSpan.FromSeconds(30)) };

        var discovered = await Wait(settings, host, source, _ => { });

        Assert.IsType<PlanningOutcome.Failed>(Planner.Plan(settings, discovered.Snapshot, discovered.Leases));
        Assert.Equal(1, source.Reads);
    }

    [Fact]
    public async Task A_configuration_error_is_not_waited_for()
    {
        // Table 254 is main: no lease arriving later can fix that, so discovery must not spend its timeout on it.
        var host = SampleHost.TwoNics();
        var settings = SampleHost.Configured(
            new InterfaceSelection("ens3", null, 254, null),
            new InterfaceSelection("ens4", null, null, null)) with { Discovery = new DiscoverySettings(TimeSpan.FromSeconds(30)) };
        var source = new LateLease(host.Leases, arrivesOnRead: 1);

        var discovered = await Wait(settings, host, source, _ => { });

        var failed = Assert.IsType<PlanningOutcome.Failed>(Planner.Plan(settings, discovered.Snapshot, discovered.Leases));
        Assert.Contains("reserved by the kernel", Assert.Single(failed.Problems));
        Assert.Equal(1, source.Reads);
    }

    [Fact]
    public async Task The_hook_waits_until_the_lease_names_the_address_the_nic_holds()
    {
        var host = SampleHost.TwoNics();
        var source = new LateLease(host.Leases, arrivesOnRead: 2);

        var discovered = await new Discoverer(Kernel(host.Snapshot).Object, [source], null, TimeProvider.System, _ => { })
            .WaitAsync(ReadinessChecks.LeaseSettled("ens4"), TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Empty(ReadinessChecks.LeaseSettled("ens4")(discovered));
        Assert.Equal(2, source.Reads);
    }

    [Fact]
    public void LeaseSettled_OnlyWhenTheLeasedAddressIsOnTheInterface()
    {
        var host = SampleHost.TwoNics();
        var settled = ReadinessChecks.LeaseSettled("ens4");
        Assert.Empty(settled(new Discovered(host.Snapshot, host.Leases, [])));

        // dhclient configured .11 and ran its hooks; its lease file still says .10.
        var renumbered = host.Snapshot with
        {
            Addresses = host.Snapshot.Addresses.Select(address => address.InterfaceName == "ens4"
                ? address with { Address = IPAddress.Parse("100.64.2.11") } : address).ToList(),
        };
        Assert.NotEmpty(settled(new Discovered(renumbered, host.Leases, [])));
        Assert.NotEmpty(settled(new Discovered(host.Snapshot, host.WithoutLease("ens4").Leases, [])));
    }

    /// <summary>A source that always knows the same leases, under its own name.</summary>
    private sealed class FixedLeases(string name, params Lease[] leases) : ILeaseSource
    {
        public string Name => name;

        public LeaseReadResult Read(HostSnapshot snapshot) => new(leases, []);
    }

    /// <summary>
    /// ISC dhclient renumbered ens4 from 100.64.2.10 within 15 s of its last write (MIN_LEASE_WRITE): its
    /// file still says .10, and will until the next renewal. The kernel's lease names what the NIC holds.
    /// </summary>
    private static (HostSnapshot Snapshot, Lease Stale, ILeaseSource[] Sources) RenumberedNotYetRecorded(string address, string gateway)
    {
        var host = SampleHost.TwoNics();
        var renumbered = IPAddress.Parse(address);
        var stale = host.Leases.Single(lease => lease.Interface == "ens4") with { ClasslessStaticRoutes = [new(new IPNetwork(IPAddress.Parse("169.254.169.254"), 32), IPAddress.Parse("100.64.2.2"))] };
        var dhclient = new FixedLeases("dhclient", [.. host.Leases.Where(lease => lease.Interface != "ens4"), stale]);
        var kernel = new FixedLeases("kernel", new Lease("ens4", renumbered, 24, IPAddress.Parse(gateway), [], "kernel"));
        var moved = host.Snapshot with
        {
            Addresses = host.Snapshot.Addresses.Select(held => held.InterfaceName == "ens4" && held.Address.Equals(stale.Address)
                ? held with { Address = renumbered } : held).ToList(),
        };
        return (moved, stale, [dhclient, kernel]);
    }

    [Fact]
    public void A_lease_the_nic_no_longer_holds_stands_for_the_address_its_client_configured_on_the_same_network_only_when_asked()
    {
        var (snapshot, stale, sources) = RenumberedNotYetRecorded("100.64.2.11", "100.64.2.1");
        var now = DateTimeOffset.UtcNow;

        var first = LeaseReader.Read(sources, snapshot, now);
        var later = LeaseReader.Read(sources, snapshot, now, preferHeldAddresses: true);

        Assert.Equal(stale, first.Leases.Single(lease => lease.Interface == "ens4"));
        // Same network: the lease's gateway and option 121 routes still hold; only the address moved.
        Assert.Equal(stale with { Address = IPAddress.Parse("100.64.2.11"), PrefixLength = 24 }, later.Leases.Single(lease => lease.Interface == "ens4"));
        Assert.Equal(first.Leases.Single(lease => lease.Interface == "ens3"), later.Leases.Single(lease => lease.Interface == "ens3"));
        Assert.Contains(later.Diagnostics, diagnostic => diagnostic.Contains(
            "names 100.64.2.10, which ens4 no longer holds; using it for 100.64.2.11/24, the address its DHCP client configured on the same network", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lease_the_nic_no_longer_holds_gives_way_to_a_later_sources_lease_for_an_address_on_another_network()
    {
        var (snapshot, _, sources) = RenumberedNotYetRecorded("100.64.9.11", "100.64.9.1");

        var later = LeaseReader.Read(sources, snapshot, DateTimeOffset.UtcNow, preferHeldAddresses: true);

        var ens4 = later.Leases.Single(lease => lease.Interface == "ens4");
        Assert.Equal(("100.64.9.11", "100.64.9.1", "kernel"), (ens4.Address.ToString(), ens4.Gateway?.ToString(), ens4.Source));
        Assert.Contains(later.Diagnostics, diagnostic => diagnostic.Contains("no longer holds; using 100.64.9.11 from kernel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_renumbered_nic_whose_client_has_not_recorded_the_lease_is_planned_after_a_short_wait_not_the_timeout()
    {
        var (snapshot, _, sources) = RenumberedNotYetRecorded("100.64.2.11", "100.64.2.1");
        var settings = BothNics with { Discovery = new DiscoverySettings(TimeSpan.FromSeconds(30)) };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var discovered = await new Discoverer(Kernel(snapshot).Object, sources[..1], null, TimeProvider.System, _ => { })
            .WaitAsync(ReadinessChecks.ConfiguredInterfaces(settings), settings.Discovery.Timeout, CancellationToken.None);

        Assert.InRange(clock.Elapsed, Discoverer.StaleLeaseGrace, TimeSpan.FromSeconds(15));
        Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(settings, discovered.Snapshot, discovered.Leases));
        Assert.Empty(ReadinessChecks.LeaseSettled("ens4")(discovered));
        Assert.Equal("100.64.2.11", discovered.Leases.Single(lease => lease.Interface == "ens4").Address.ToString());
    }

    private static Task<Discovered> Wait(AgentSettings settings, SampleHost host, ILeaseSource source, Action<string> progress) =>
        new Discoverer(Kernel(host.Snapshot).Object, [source], null, TimeProvider.System, progress)
            .WaitAsync(ReadinessChecks.ConfiguredInterfaces(settings), settings.Discovery.Timeout, CancellationToken.None);

    [Fact]
    public void An_expired_lease_is_ignored_with_a_diagnostic_and_the_next_source_may_answer()
    {
        var now = DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var expired = new Lease("ens4", IPAddress.Parse("100.64.2.10"), 24, IPAddress.Parse("100.64.2.1"), [], "dhclient:/x") { Expiry = now.AddMinutes(-1) };
        var fresh = expired with { Expiry = now.AddHours(1), Source = "kernel" };
        var first = new Mock<ILeaseSource>();
        first.Setup(source => source.Name).Returns("dhclient");
        first.Setup(source => source.Read(It.IsAny<HostSnapshot>())).Returns(new LeaseReadResult([expired], []));
        var second = new Mock<ILeaseSource>();
        second.Setup(source => source.Name).Returns("kernel");
        second.Setup(source => source.Read(It.IsAny<HostSnapshot>())).Returns(new LeaseReadResult([fresh], []));

        var result = LeaseReader.Read([first.Object, second.Object], new HostSnapshot([], [], [], []), now);

        Assert.Equal("kernel", Assert.Single(result.Leases).Source);
        Assert.Equal("dhclient:/x: the lease for ens4 expired at 2026-11-23 09:59:00Z; ignored", Assert.Single(result.Diagnostics));
    }
}
