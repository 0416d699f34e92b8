using BootRoute.Planning;
using BootRoute.Tests.Planning;
using BootRoute.Verification;
using Xunit;

namespace BootRoute.Tests.Verification;

/// <summary>Each floating IP is probed from the three NICs after it, so N NICs start 3N probes, not N².</summary>
public sealed class VantagePointTests
{
    private static RoutingPlan PlanWith(int nics)
    {
        var host = new SampleHost();
        for (int i = 1; i <= nics; i++)
        {
            host.Nic($"ens{i + 2}", $"100.64.{i}.10", 24, $"100.64.{i}.1");
        }
        return Assert.IsType<PlanningOutcome.Planned>(Planner.Plan(SampleHost.Automatic, host.Snapshot, host.Leases)).Plan;
    }

    [Fact]
    public void Each_nic_is_probed_by_the_three_after_it_wrapping_around_and_probes_three()
    {
        var plan = PlanWith(6);

        var vantages = plan.Interfaces.ToDictionary(nic => nic.Name, nic => VantagePoints.For(nic, plan).Select(other => other.Name).ToList());

        Assert.Equal(["ens4", "ens5", "ens6"], vantages["ens3"]);
        Assert.Equal(["ens3", "ens4", "ens5"], vantages["ens8"]);
        Assert.All(plan.Interfaces, nic => Assert.Equal(3, vantages.Values.Count(list => list.Contains(nic.Name))));
        Assert.All(vantages, pair => Assert.DoesNotContain(pair.Key, pair.Value));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(32, 3)]
    public void Small_instances_keep_every_other_nic_as_a_vantage_point(int nics, int expected)
    {
        var plan = PlanWith(nics);

        Assert.All(plan.Interfaces, nic => Assert.Equal(expected, VantagePoints.For(nic, plan).Count));
    }
}
