using System.Net;
using BootRoute.Model;
using BootRoute.State;
using Xunit;

namespace BootRoute.Tests.State;

public sealed class StateTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("bootroute-state-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly Route Removed = new(RoutingTables.Main, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"),
        PreferredSource: IPAddress.Parse("100.64.2.10"), Protocol: RouteProtocols.Dhcp, Metric: 1003, OnLink: true);

    [Fact]
    public void State_round_trips_through_the_file_and_no_temporary_file_is_left()
    {
        var store = new FileStateStore(directory);
        var state = new AppliedState([Removed], [new SysctlOriginal("net/ipv4/conf/ens4/rp_filter", "1")]);

        store.Save(state);
        var loaded = store.Load();

        Assert.Equal(state.RemovedMainDefaults, loaded.RemovedMainDefaults);
        Assert.Equal(state.Sysctls, loaded.Sysctls);
        Assert.Equal(["state.json"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void IPv6_defaults_rules_and_accept_ra_defrtr_round_trip_through_the_file()
    {
        var store = new FileStateStore(directory);
        var raDefault = new Route(RoutingTables.Main, IPNetworkExtensions.DefaultIPv6, "ens4", IPAddress.Parse("fe80::1"),
            Protocol: RouteProtocols.RouterAdvertisement, Metric: 1024);
        var state = new AppliedState([Removed, raDefault], [new SysctlOriginal("net/ipv6/conf/ens4/accept_ra_defrtr", "1")])
        {
            AdoptedRules =
            [
                new PolicyRule(100, null, RoutingTables.Main, RouteProtocols.Unspecified, SuppressPrefixLength: 0, Family: System.Net.Sockets.AddressFamily.InterNetworkV6),
                new PolicyRule(102, IPNetwork.Parse("2001:db8:2::/64"), 102, RouteProtocols.Unspecified, Family: System.Net.Sockets.AddressFamily.InterNetworkV6),
                new PolicyRule(100, null, RoutingTables.Main, RouteProtocols.Unspecified, SuppressPrefixLength: 0),
            ],
        };

        store.Save(state);
        var loaded = store.Load();

        Assert.Equal(state.RemovedMainDefaults, loaded.RemovedMainDefaults);
        Assert.Equal(state.Sysctls, loaded.Sysctls);
        Assert.Equal(state.AdoptedRules, loaded.AdoptedRules);
    }

    /// <summary>The file as agents before this one wrote it: an upgrade must still read it, and the
    /// agent writes it the same way, so a downgrade can too.</summary>
    private const string WrittenByEarlierAgents = """
        {
          "version": 1,
          "removedMainDefaults": [
            {
              "table": 254,
              "destination": "0.0.0.0/0",
              "device": "ens4",
              "gateway": "100.64.2.1",
              "preferredSource": "100.64.2.10",
              "scope": 0,
              "protocol": 16,
              "metric": 1003,
              "type": 1,
              "onLink": true
            }
          ],
          "sysctls": [
            {
              "key": "net/ipv4/conf/ens4/rp_filter",
              "original": "1"
            }
          ]
        }
        """;

    [Fact]
    public void The_file_keeps_the_format_earlier_agents_wrote()
    {
        var store = new FileStateStore(directory);
        var state = new AppliedState([Removed], [new SysctlOriginal("net/ipv4/conf/ens4/rp_filter", "1")]);

        store.Save(state);

        Assert.Equal(WrittenByEarlierAgents.ReplaceLineEndings("\n"), File.ReadAllText(store.FilePath).ReplaceLineEndings("\n"));
        File.WriteAllText(store.FilePath, WrittenByEarlierAgents);
        Assert.Equal(state.RemovedMainDefaults, store.Load().RemovedMainDefaults);
    }

    [Fact]
    public void Adopted_routes_and_rules_round_trip_and_are_left_out_when_there_are_none()
    {
        var store = new FileStateStore(directory);
        var route = new Route(102, IPNetwork.Parse("100.64.2.0/24"), "ens4", PreferredSource: IPAddress.Parse("100.64.2.10"),
            Scope: RouteScope.Link, Protocol: RouteProtocols.Boot);
        var rules = new[]
        {
            new PolicyRule(102, IPNetwork.Parse("100.64.2.10/32"), 102, RouteProtocols.Unspecified),
            new PolicyRule(100, null, RoutingTables.Main, RouteProtocols.Static, SuppressPrefixLength: 0),
        };
        var state = AppliedState.Empty with { AdoptedRoutes = [route], AdoptedRules = rules };

        store.Save(state);
        var loaded = store.Load();

        Assert.Equal([route], loaded.AdoptedRoutes);
        Assert.Equal(rules, loaded.AdoptedRules);
        Assert.False(loaded.IsEmpty);
        store.Save(AppliedState.Empty);
        Assert.DoesNotContain("adopted", File.ReadAllText(store.FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public void Slots_round_trip_do_not_make_the_state_worth_restoring_and_are_left_out_when_there_are_none()
    {
        var store = new FileStateStore(directory);
        var state = AppliedState.Empty with { Slots = [new InterfaceSlot("ens3", 1), new InterfaceSlot("ens4", 3)] };

        store.Save(state);
        var loaded = store.Load();

        Assert.Equal(state.Slots, loaded.Slots);
        Assert.True(loaded.IsEmpty);
        Assert.Contains("\"interface\": \"ens4\"", File.ReadAllText(store.FilePath), StringComparison.Ordinal);
        store.Save(AppliedState.Empty);
        Assert.DoesNotContain("slots", File.ReadAllText(store.FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_adopted_again_under_the_same_key_keeps_the_first_record()
    {
        var first = new Route(102, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"), Protocol: RouteProtocols.Boot);
        var later = first with { Protocol = RouteProtocols.Static };
        var rule = new PolicyRule(102, IPNetwork.Parse("100.64.2.10/32"), 102, RouteProtocols.Unspecified);

        var state = AppliedState.Empty.Adopting([first], [rule]).Adopting([later], [rule]);

        Assert.Equal([first], state.AdoptedRoutes);
        Assert.Equal([rule], state.AdoptedRules);
    }

    [Fact]
    public void No_file_is_an_empty_state_and_a_corrupt_one_is_named()
    {
        var store = new FileStateStore(directory);
        Assert.True(store.Load().IsEmpty);

        File.WriteAllText(store.FilePath, "{ not json");

        var error = Assert.Throws<StateException>(store.Load);
        Assert.StartsWith($"{store.FilePath}: cannot read the state file", error.Message);
    }

    private const string Empty = """{"version": 1, "removedMainDefaults": [], "sysctls": []""";
    private const string Sysctl = """{"key": "net/ipv4/conf/ens4/rp_filter", "original": "1"}""";
    private const string DefaultRoute = """{"table": 254, "destination": "0.0.0.0/0", "device": "ens4", "gateway": "100.64.2.1", "scope": 0, "protocol": 16, "type": 1}""";

    [Theory]
    [InlineData("null", "corrupt state file: the document is null")]
    [InlineData("""{"version": 1}""", "corrupt state file: removedMainDefaults is missing or null")]
    [InlineData("""{"version": 1, "removedMainDefaults": null, "sysctls": []}""", "corrupt state file: removedMainDefaults is missing or null")]
    [InlineData("""{"version": 1, "removedMainDefaults": [], "sysctls": null}""", "corrupt state file: sysctls is missing or null")]
    [InlineData("""{"version": 1, "removedMainDefaults": [null], "sysctls": []}""", "corrupt state file: removedMainDefaults[0] is null")]
    [InlineData("""{"version": 1, "removedMainDefaults": [], "sysctls": [""" + Sysctl + """, null]}""", "corrupt state file: sysctls[1] is null")]
    [InlineData("""{"version": 1, "removedMainDefaults": [], "sysctls": [{"key": "net/ipv4/conf/ens4/rp_filter", "original": null}]}""", "corrupt state file: sysctls[0].original is missing, null or not a number")]
    [InlineData("""{"version": 1, "removedMainDefaults": [], "sysctls": [{"key": "net/ipv4/conf/ens4/rp_filter", "original": "1\n2"}]}""", "corrupt state file: sysctls[0].original is missing, null or not a number")]
    [InlineData("""{"version": 1, "removedMainDefaults": [], "sysctls": [{"key": null, "original": "1"}]}""", "corrupt state file: sysctls[0].key is not one of")]
    [InlineData("""{"version": 1, "removedMainDefaults": [], "sysctls": [{"key": "net/ipv4/conf/../../../../etc/shadow", "original": "1"}]}""", "corrupt state file: sysctls[0].key is not one of")]
    [InlineData("""{"version": 1, "removedMainDefaults": [], "sysctls": [{"key": "net/ipv4/conf/ens\u00004/rp_filter", "original": "1"}]}""", "corrupt state file: sysctls[0].key is not one of")]
    [InlineData("""{"version": 1, "removedMainDefaults": [{"table": 254, "destination": null}], "sysctls": []}""", "corrupt state file: removedMainDefaults[0].destination is not 0.0.0.0/0")]
    [InlineData("""{"version": 1, "removedMainDefaults": [{"table": 254, "destination": "10.0.0.0/8"}], "sysctls": []}""", "corrupt state file: removedMainDefaults[0].destination is not 0.0.0.0/0")]
    [InlineData("""{"version": 1, "removedMainDefaults": [{"table": 7, "destination": "0.0.0.0/0"}], "sysctls": []}""", "corrupt state file: removedMainDefaults[0].table is 7, not the main table (254)")]
    [InlineData("""{"version": 1, "removedMainDefaults": [{"table": 254, "destination": "0.0.0.0/0", "device": "ens4\n"}], "sysctls": []}""", "corrupt state file: removedMainDefaults[0].device is not an interface name")]
    [InlineData("""{"version": 1, "removedMainDefaults": [{"table": 254, "destination": "0.0.0.0/0", "gateway": "::1"}], "sysctls": []}""", "corrupt state file: removedMainDefaults[0].gateway is not an IPv4 address")]
    [InlineData("""{"version": 1, "removedMainDefaults": [{"table": 254, "destination": "0.0.0.0/0", "type": 77}], "sysctls": []}""", "corrupt state file: removedMainDefaults[0].type 77 is not a route type")]
    [InlineData("""{"version": 1, "removedMainDefaults": [{"table": 254, "destination": "0.0.0.0/0", "scope": 9}], "sysctls": []}""", "corrupt state file: removedMainDefaults[0].scope 9 is not a route scope")]
    [InlineData("""{"version": "1", "removedMainDefaults": [], "sysctls": []}""", "cannot read the state file: ")]
    [InlineData("""{"version": 1, "removedMainDefaults": {}, "sysctls": []}""", "cannot read the state file: ")]
    [InlineData("""{"version": 1, "removedMainDefaults": [""" + DefaultRoute, "cannot read the state file: ")]
    [InlineData("""{"version": 2, "removedMainDefaults": [], "sysctls": []}""", "unsupported state version 2")]
    [InlineData("", "cannot read the state file: ")]
    [InlineData(Empty + """, "adoptedRoutes": [null]}""", "corrupt state file: adoptedRoutes[0] is null")]
    [InlineData(Empty + """, "adoptedRoutes": [{"table": 254, "destination": "0.0.0.0/0", "device": "ens4", "type": 1}]}""", "corrupt state file: adoptedRoutes[0].table 254 is reserved by the kernel")]
    [InlineData(Empty + """, "adoptedRoutes": [{"table": 102, "destination": "0.0.0.0/0", "device": "ens4", "type": 2}]}""", "corrupt state file: adoptedRoutes[0].type 2 is not unicast")]
    [InlineData(Empty + """, "adoptedRoutes": [{"table": 102, "destination": "10.0.0.0/40", "device": "ens4", "type": 1}]}""", "corrupt state file: adoptedRoutes[0].destination is not an IPv4 or IPv6 network")]
    [InlineData(Empty + """, "adoptedRoutes": [{"table": 102, "destination": "::/0", "device": "ens4", "gateway": "192.0.2.1", "type": 1}]}""", "corrupt state file: adoptedRoutes[0].gateway is not an IPv6 address")]
    [InlineData(Empty + """, "adoptedRules": [{"priority": 102, "source": "2001:db8::/64", "table": 102}]}""", "corrupt state file: adoptedRules[0].source is not an IPv4 address/32")]
    [InlineData(Empty + """, "adoptedRules": [{"priority": 102, "source": "100.64.1.10/32", "table": 102, "family": "inet6"}]}""", "corrupt state file: adoptedRules[0].source is not an IPv6 prefix")]
    [InlineData(Empty + """, "adoptedRules": [{"priority": 102, "source": "100.64.1.10/32", "table": 102, "family": "ipx"}]}""", "corrupt state file: adoptedRules[0].family is not inet6 or absent")]
    [InlineData(Empty + """, "adoptedRoutes": [{"table": 102, "destination": "0.0.0.0/0", "type": 1}]}""", "corrupt state file: adoptedRoutes[0].device is missing or not an interface name")]
    [InlineData(Empty + """, "adoptedRoutes": [{"table": 102, "destination": "0.0.0.0/0", "device": "ens4", "gateway": "::1", "type": 1}]}""", "corrupt state file: adoptedRoutes[0].gateway is not an IPv4 address")]
    [InlineData(Empty + """, "adoptedRoutes": [{"table": 102, "destination": "0.0.0.0/0", "device": "ens4", "protocol": 200, "type": 1}]}""", "corrupt state file: adoptedRoutes[0].protocol is BootRoute's own")]
    [InlineData(Empty + """, "adoptedRules": [null]}""", "corrupt state file: adoptedRules[0] is null")]
    [InlineData(Empty + """, "adoptedRules": [{"priority": 102, "source": "0.0.0.0/0", "table": 102}]}""", "corrupt state file: adoptedRules[0].source is not an IPv4 address/32")]
    [InlineData(Empty + """, "adoptedRules": [{"priority": 102, "table": 102}]}""", "corrupt state file: adoptedRules[0].source is missing")]
    [InlineData(Empty + """, "adoptedRules": [{"priority": 0, "source": "100.64.2.10/32", "table": 102}]}""", "corrupt state file: adoptedRules[0].priority 0 is not from 1 to 32765")]
    [InlineData(Empty + """, "adoptedRules": [{"priority": 102, "source": "100.64.2.10/32", "table": 255}]}""", "corrupt state file: adoptedRules[0].table 255 is reserved by the kernel")]
    [InlineData(Empty + """, "adoptedRules": [{"priority": 102, "source": "100.64.2.10/32", "table": 102, "suppressPrefixLength": 0}]}""", "corrupt state file: adoptedRules[0].suppressPrefixLength is only for")]
    [InlineData(Empty + """, "adoptedRules": [{"priority": 102, "source": "100.64.2.10/32", "table": 102, "protocol": 200}]}""", "corrupt state file: adoptedRules[0].protocol is BootRoute's own")]
    [InlineData(Empty + """, "adoptedRules": {}}""", "cannot read the state file: ")]
    [InlineData(Empty + """, "slots": [null]}""", "corrupt state file: slots[0] is null")]
    [InlineData(Empty + """, "slots": [{"interface": "ens4/..", "slot": 2}]}""", "corrupt state file: slots[0].interface is missing or not an interface name")]
    [InlineData(Empty + """, "slots": [{"slot": 2}]}""", "corrupt state file: slots[0].interface is missing or not an interface name")]
    [InlineData(Empty + """, "slots": [{"interface": "ens4", "slot": 0}]}""", "corrupt state file: slots[0].slot 0 is not from 1 to 4096")]
    [InlineData(Empty + """, "slots": [{"interface": "ens4", "slot": 2}, {"interface": "ens5", "slot": 2}]}""", "corrupt state file: slots[1] repeats an interface or a slot")]
    [InlineData(Empty + """, "slots": [{"interface": "ens4", "slot": 2}, {"interface": "ens4", "slot": 3}]}""", "corrupt state file: slots[1] repeats an interface or a slot")]
    public void A_corrupt_state_file_is_named_with_what_is_wrong_and_the_way_out(string content, string expected)
    {
        var store = new FileStateStore(directory);
        File.WriteAllText(store.FilePath, content);

        var error = Assert.Throws<StateException>(store.Load);

        Assert.StartsWith($"{store.FilePath}: {expected}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"; {FileStateStore.WayOut}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Message, char.IsControl);
    }

    [Fact]
    public void What_the_check_accepts_is_what_the_agent_writes()
    {
        var store = new FileStateStore(directory);
        File.WriteAllText(store.FilePath, $$"""{"version": 1, "removedMainDefaults": [{{DefaultRoute}}], "sysctls": [{{Sysctl}}, {"key": "net/ipv4/conf/all/arp_ignore", "original": "0"}]}""");

        var state = store.Load();

        Assert.Equal("ens4", Assert.Single(state.RemovedMainDefaults).Device);
        Assert.Equal(["net/ipv4/conf/ens4/rp_filter", "net/ipv4/conf/all/arp_ignore"], state.Sysctls.Select(sysctl => sysctl.Key));
    }

    [Fact]
    public void A_state_file_over_a_mebibyte_is_refused_without_reading_it_all()
    {
        var store = new FileStateStore(directory);
        using (var file = File.Create(store.FilePath))
        {
            file.SetLength(64L * 1024 * 1024);
        }

        var error = Assert.Throws<StateException>(store.Load);

        Assert.StartsWith($"{store.FilePath}: cannot read the state file: larger than 1 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_apply_keeps_the_first_original_of_a_sysctl()
    {
        var first = AppliedState.Empty.Including([Removed], [new SysctlOriginal("k", "1")]);

        var second = first.Including([Removed], [new SysctlOriginal("k", "2")]);

        Assert.Equal([Removed], second.RemovedMainDefaults);
        Assert.Equal([new SysctlOriginal("k", "1")], second.Sysctls);
    }

    [Fact]
    public async Task A_second_run_waits_for_the_lock_and_gives_up_at_its_deadline()
    {
        using var first = await RunLock.AcquireAsync(directory, TimeSpan.FromSeconds(1), _ => { }, CancellationToken.None);
        Assert.NotNull(first);
        var progress = new List<string>();

        var second = await RunLock.AcquireAsync(directory, TimeSpan.FromMilliseconds(300), progress.Add, CancellationToken.None);

        Assert.Null(second);
        Assert.StartsWith("another bootroute run holds", Assert.Single(progress));
    }

    [Fact]
    public async Task A_free_lock_is_taken_at_once_without_a_waiting_line()
    {
        var progress = new List<string>();

        using var held = await RunLock.AcquireAsync(directory, TimeSpan.FromSeconds(5), progress.Add, CancellationToken.None);

        Assert.NotNull(held);
        Assert.Empty(progress);
        Assert.True(File.Exists(RunLock.PathIn(directory)));
    }

    [Fact]
    public async Task The_lock_is_free_again_once_released()
    {
        var first = await RunLock.AcquireAsync(directory, TimeSpan.FromSeconds(1), _ => { }, CancellationToken.None);
        var waiting = RunLock.AcquireAsync(directory, TimeSpan.FromSeconds(5), _ => { }, CancellationToken.None);
        await Task.Delay(150);
        first!.Dispose();

        using var second = await waiting;

        Assert.NotNull(second);
    }
}
