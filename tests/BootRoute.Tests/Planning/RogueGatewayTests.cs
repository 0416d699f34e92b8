using System.Net;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Planning;

/// <summary>
/// A rogue or broken DHCP server on one NIC names a gateway no packet can be sent to: that NIC (or that
/// route) is left out with a note, and the other NICs are still planned, instead of the kernel refusing
/// the whole apply.
/// </summary>
public sealed class RogueGatewayTests
{
    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("255.255.255.255", "the broadcast address")]
    [InlineData("0.0.0.0", "in 0.0.0.0/8, which names no host")]
    [InlineData("100.64.1.10", "an address of this instance (on ens3)")]
    public void A_nic_whose_gateway_cannot_be_a_next_hop_is_left_out_with_a_note(string gateway, string why)
    {
        var host = SampleHost.TwoNics().Nic("ens5", "100.64.5.10", 24, gateway);

        var outcome = Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases);

        var planned = Assert.IsType<PlanningOutcome.Planned>(outcome);
        Assert.Equal(["ens3", "ens4"], planned.Plan.Interfaces.Select(nic => nic.Name));
        var note = Assert.Single(outcome.Notes);
        Assert.StartsWith($"ens5: gateway {gateway} from the lease from dhclient:", note, StringComparison.Ordinal);
        Assert.EndsWith($"cannot be a next hop: it is {why}; ens5 is not managed", note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_nic_with_a_refused_gateway_is_a_problem_naming_it()
    {
        var host = SampleHost.TwoNics().WithoutLease("ens4").Nic("ens4", "100.64.2.10", 24, "127.0.0.1");
        var settings = SampleHost.Configured(new InterfaceSelection("ens3", null, null, null), new InterfaceSelection("ens4", null, null, null));

        var outcome = Planner.Plan(settings, host.Snapshot, host.Leases);

        // ens3 left alone needs no policy routing: nothing is planned, and ens4 is named as held.
        Assert.IsType<PlanningOutcome.NothingToDo>(outcome);
        Assert.StartsWith("ens4: gateway 127.0.0.1", Assert.Single(outcome.Held).Reason, StringComparison.Ordinal);
        Assert.Contains(outcome.Held[0].Reason, outcome.Notes);
    }

    [Fact]
    public void An_option_121_route_via_a_refused_gateway_is_left_out_and_the_rest_of_the_table_stays()
    {
        var classless = new List<ClasslessStaticRoute>
        {
            new(IPNetwork.Parse("192.0.2.0/24"), IPAddress.Parse("224.0.0.5")),
            new(IPNetwork.Parse("198.51.100.0/24"), IPAddress.Parse("100.64.5.1")),
        };
        var host = SampleHost.TwoNics().Nic("ens5", "100.64.5.10", 24, "100.64.5.1", classless);

        var outcome = Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases);

        var plan = Assert.IsType<PlanningOutcome.Planned>(outcome).Plan;
        var ens5 = plan.Tables.Single(table => table.Name == "ens5");
        Assert.DoesNotContain(ens5.Routes, route => route.Destination == IPNetwork.Parse("192.0.2.0/24"));
        Assert.Contains(ens5.Routes, route => route.Destination == IPNetwork.Parse("198.51.100.0/24"));
        Assert.Contains(outcome.Notes, note => note.Contains("192.0.2.0/24 via 224.0.0.5", StringComparison.Ordinal)
            && note.EndsWith("a multicast address", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("100.64.1.1")]
    [InlineData("192.0.2.1")]
    [InlineData("203.0.113.1")]
    public void Ordinary_gateways_are_next_hops(string gateway) =>
        Assert.Null(NextHop.WhyNot(IPAddress.Parse(gateway), SampleHost.TwoNics().Snapshot));
}
