using System.Net;
using System.Text.Json.Serialization;
using BootRoute.Model;

namespace BootRoute.State;

/// <summary>
/// state.json on disk. Plain fields, so the file reads well and survives model refactors. The adopted
/// lists and the slots are optional (absent in files written before they existed, and when there is
/// nothing to record), so version 1 files stay readable both ways.
/// </summary>
internal sealed record StateDocument(int Version, List<RouteDocument> RemovedMainDefaults, List<SysctlOriginal> Sysctls)
{
    public const int CurrentVersion = 1;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<RouteDocument>? AdoptedRoutes { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<RuleDocument>? AdoptedRules { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<SlotDocument>? Slots { get; init; }

    public static StateDocument From(AppliedState state) =>
        new(CurrentVersion, state.RemovedMainDefaults.Select(RouteDocument.From).ToList(), state.Sysctls.ToList())
        {
            AdoptedRoutes = state.AdoptedRoutes.Count == 0 ? null : state.AdoptedRoutes.Select(RouteDocument.From).ToList(),
            AdoptedRules = state.AdoptedRules.Count == 0 ? null : state.AdoptedRules.Select(RuleDocument.From).ToList(),
            Slots = state.Slots.Count == 0 ? null : state.Slots.Select(slot => new SlotDocument(slot.Interface, slot.Slot)).ToList(),
        };

    public AppliedState ToState() => new(RemovedMainDefaults.Select(route => route.ToRoute()).ToList(), Sysctls)
    {
        AdoptedRoutes = AdoptedRoutes?.Select(route => route.ToRoute()).ToList() ?? [],
        AdoptedRules = AdoptedRules?.Select(rule => rule.ToRule()).ToList() ?? [],
        Slots = Slots?.Select(slot => new InterfaceSlot(slot.Interface, slot.Slot)).ToList() ?? [],
    };
}

/// <summary>
/// One route as state.json keeps it. Properties set by name, not a ten-value constructor: the
/// serializer and <see cref="From"/> are its only writers, and names keep the two from swapping
/// bytes that look alike (scope, protocol, type).
/// </summary>
internal sealed record RouteDocument
{
    public uint Table { get; init; }
    public required string Destination { get; init; }
    public string? Device { get; init; }
    public string? Gateway { get; init; }
    public string? PreferredSource { get; init; }
    public byte Scope { get; init; }
    public byte Protocol { get; init; }
    public uint? Metric { get; init; }
    public byte Type { get; init; }
    public bool OnLink { get; init; }

    public static RouteDocument From(Route route) => new()
    {
        Table = route.Table,
        Destination = route.Destination.ToString(),
        Device = route.Device,
        Gateway = route.Gateway?.ToString(),
        PreferredSource = route.PreferredSource?.ToString(),
        Scope = (byte)route.Scope,
        Protocol = route.Protocol,
        Metric = route.Metric,
        Type = (byte)route.Type,
        OnLink = route.OnLink,
    };

    public Route ToRoute() => new(
        Table, IPNetwork.Parse(Destination), Device,
        Gateway: Gateway is null ? null : IPAddress.Parse(Gateway),
        PreferredSource: PreferredSource is null ? null : IPAddress.Parse(PreferredSource),
        Scope: (RouteScope)Scope,
        Protocol: Protocol,
        Metric: Metric,
        Type: (RouteType)Type,
        OnLink: OnLink);
}

/// <summary>One NIC's slot as state.json keeps it.</summary>
internal sealed record SlotDocument(string Interface, int Slot);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(StateDocument))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
