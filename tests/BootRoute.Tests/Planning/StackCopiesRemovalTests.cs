using System.Net;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Planning;

/// <summary>
/// remove takes out the copies the image's network stack made of BootRoute's rules and routes from its
/// persisted files (systemd-networkd's and NetworkManager's rules and netplan's routes are proto static
/// after a reboot), and nothing else at those ids that is not BootRoute's.
/// </summary>
public class StackCopiesRemovalTests
{
    private static readonly IReadOnlyList<InterfaceSlot> Slots = [new("ens3", 1), new("ens4", 2)];
    private static readonly PolicyRule Suppress = new(100, null, RoutingTables.Main, RouteProtocols.Static, SuppressPrefixLength: 0);
    private static readonly PolicyRule Ens4Rule = new(102, IPNetwork.Parse("100.64.2.10/32"), 102, RouteProtocols.Static);
    private static readonly Route Ens4Default = new(102, IPNetworkExtensions.DefaultIPv4, "ens4", IPAddress.Parse("100.64.2.1"), Protocol: RouteProtocols.Static);

    /// <summary>A rebooted netplan image: every rule and route of BootRoute's as networkd recreated it.</summary>
    private static SampleHost Rebooted() => SampleHost.TwoNics().WithRule(Suppress).WithRule(Ens4Rule).WithRoute(Ens4Default);

    private static List<string> Commands(IReadOnlyList<Operation> operations) => operations.Select(operation => operation.ToIpCommand()).ToList();

    [Fact]
    public void The_stacks_copies_of_the_persisted_rules_and_routes_are_removed()
    {
        var copies = StackCopies.For(SampleHost.Automatic, Slots, CarriedObjects.Rules | CarriedObjects.Routes);

        var (operations, notes) = Removal.Compute(Rebooted().Snapshot, AppliedState.Empty with { Slots = Slots }, copies);

        Assert.Empty(notes);
        Assert.Equal(
            [
                "ip rule del priority 100 from all lookup main suppress_prefixlength 0 proto static",
                "ip rule del priority 102 from 100.64.2.10 lookup 102 proto static",
                "ip route del default via 100.64.2.1 dev ens4 table 102 proto static",
            ],
            Commands(operations));
    }

    [Fact]
    public void Without_persisted_files_or_recorded_slots_only_proto_200_is_removed()
    {
        var host = Rebooted();

        Assert.Empty(Removal.Compute(host.Snapshot, AppliedState.Empty, StackCopies.For(SampleHost.Automatic, Slots, CarriedObjects.None)).Operations);
        Assert.Empty(Removal.Compute(host.Snapshot, AppliedState.Empty, StackCopies.For(SampleHost.Automatic, [], CarriedObjects.Rules)).Operations);
    }

    [Fact]
    public void Rules_only_stacks_leave_routes_alone_and_other_ids_stay()
    {
        // NetworkManager carries the rules only: BootRoute's own routes are proto 200.
        var copies = StackCopies.For(SampleHost.Automatic, Slots, CarriedObjects.Rules);
        var host = Rebooted()
            .WithRule(new PolicyRule(102, IPNetwork.Parse("100.64.2.10/32"), 77, RouteProtocols.Static))
            .WithRule(new PolicyRule(500, IPNetwork.Parse("100.64.2.10/32"), 102, RouteProtocols.Static))
            .WithRoute(new Route(102, IPNetwork.Parse("198.51.100.0/24"), "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Static));

        var (operations, _) = Removal.Compute(host.Snapshot, AppliedState.Empty with { Slots = Slots }, copies);

        Assert.Equal(
            [
                "ip rule del priority 100 from all lookup main suppress_prefixlength 0 proto static",
                "ip rule del priority 102 from 100.64.2.10 lookup 102 proto static",
            ],
            Commands(operations));
        Assert.False(StackCopies.For(SampleHost.Automatic, Slots, CarriedObjects.Routes | CarriedObjects.Rules)
            .Holds(new Route(102, IPNetwork.Parse("198.51.100.0/24"), "ens3", IPAddress.Parse("100.64.1.1"), Protocol: RouteProtocols.Static)));
    }

    [Fact]
    public void A_hand_made_rule_apply_adopted_is_put_back_not_deleted()
    {
        var handMade = Ens4Rule;
        var state = AppliedState.Empty.Adopting([], [handMade]) with { Slots = Slots };

        var (operations, _) = Removal.Compute(Rebooted().Snapshot, state, StackCopies.For(SampleHost.Automatic, Slots, CarriedObjects.Rules));

        Assert.DoesNotContain(operations, operation => operation is RuleDelete delete && delete.Rule == handMade);
        Assert.Contains(operations, operation => operation is RuleDelete delete && delete.Rule == Suppress);
    }

    [Fact]
    public void Configured_tables_are_the_ids_of_the_slots_nics()
    {
        var settings = SampleHost.Configured(
            new InterfaceSelection("ens3", Primary: true, Table: null, FloatingIp: null),
            new InterfaceSelection("ens4", Primary: null, Table: 1000, FloatingIp: null));

        var copies = StackCopies.For(settings, Slots, CarriedObjects.Rules | CarriedObjects.Routes);

        Assert.True(copies.Holds(new PolicyRule(102, IPNetwork.Parse("100.64.2.10/32"), 1000, RouteProtocols.Static)));
        Assert.False(copies.Holds(Ens4Rule));
        Assert.True(copies.Holds(Ens4Default with { Table = 1000 }));
        Assert.False(copies.Holds(Ens4Default with { Table = 1000, Protocol = RouteProtocols.BootRoute }));
    }
}
