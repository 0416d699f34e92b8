using System.Net;

namespace BootRoute.Model;

/// <summary>
/// The kernel's answer to RTM_GETROUTE: what `ip route get DESTINATION from SOURCE` prints.
/// </summary>
public sealed record RouteLookup(
    IPAddress Destination,
    IPAddress? Source,
    string? Device,
    IPAddress? Gateway,
    uint Table,
    RouteType Type)
{
    public override string ToString() =>
        $"{Destination}{(Source is null ? "" : $" from {Source}")}{(Gateway is null ? "" : $" via {Gateway}")}"
        + $"{(Device is null ? "" : $" dev {Device}")} table {RoutingTables.Name(Table)}";
}
