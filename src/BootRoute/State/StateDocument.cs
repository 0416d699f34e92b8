using System.Net;
using System.Text.Json.Serialization;
using BootRoute.Model;

namespace BootRoute.State;

/// <summary>state.json on disk. Plain fields, so the file reads well and survives model refactors.</summary>
internal sealed record StateDocument(int Version, List<RouteDocument> RemovedMainDefaults, List<SysctlOriginal> Sysctls)
{
    public const int CurrentVersion = 1;

    public static StateDocument From(AppliedState state) =>
        new(CurrentVersion, state.RemovedMainDefaults.Select(RouteDocument.From).ToList(), state.Sysctls.ToList());

    public AppliedState ToState() => new(RemovedMainDefaults.Select(route => route.ToRoute()).ToList(), Sysctls);
}

internal sealed record RouteDocument(
    uint Table, string Destination, string? Device, string? Gateway, string? PreferredSource,
    byte Scope, byte Protocol, uint? Metric, byte Type, bool OnLink)
{
    public static RouteDocument From(Route route) => new(
        route.Table, route.Destination.ToString(), route.Device, route.Gateway?.ToString(), route.PreferredSource?.ToString(),
        (byte)route.Scope, route.Protocol, route.Metric, (byte)route.Type, route.OnLink);

    public Route ToRoute() => new(
        Table, IPNetwork.Parse(Destination), Device, Gateway is null ? null : IPAddress.Parse(Gateway),
        PreferredSource is null ? null : IPAddress.Parse(PreferredSource), (RouteScope)Scope, Protocol, Metric, (RouteType)Type, OnLink);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(StateDocument))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
