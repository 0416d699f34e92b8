using BootRoute.Model;
using BootRoute.Planning;

namespace BootRoute.Persistence.Rendering;

/// <summary>One NIC's IPv6 side: the IPv6 half of the plan and the NIC in it.</summary>
internal sealed record IPv6Side(RoutingPlan Plan, PlannedInterface Nic)
{
    public IReadOnlyList<Route> TableRoutes => RoutingParts.TableRoutes(Plan, Nic);

    public IReadOnlyList<PolicyRule> SourceRules => RoutingParts.SourceRules(Plan, Nic);

    public IReadOnlyList<PolicyRule> AllRules => RoutingParts.AllRules(Plan, Nic);

    /// <summary>A secondary in IPv6: its router's advertised default must stay out of main.</summary>
    public bool IsSecondary => !Nic.IsPrimary;
}
