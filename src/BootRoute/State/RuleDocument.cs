using System.Net;
using BootRoute.Model;

namespace BootRoute.State;

/// <summary>
/// One adopted rule as state.json keeps it: only the fields a rule BootRoute plans can have (a
/// source, a table, the main-table suppress rule's prefix length); anything else was never adopted.
/// </summary>
internal sealed record RuleDocument
{
    public uint Priority { get; init; }
    public string? Source { get; init; }
    public uint Table { get; init; }
    public byte Protocol { get; init; }
    public uint? SuppressPrefixLength { get; init; }

    public static RuleDocument From(PolicyRule rule) => new()
    {
        Priority = rule.Priority,
        Source = rule.Source?.ToString(),
        Table = rule.Table,
        Protocol = rule.Protocol,
        SuppressPrefixLength = rule.SuppressPrefixLength,
    };

    public PolicyRule ToRule() => new(
        Priority, Source is null ? null : IPNetwork.Parse(Source), Table, Protocol, SuppressPrefixLength: SuppressPrefixLength);
}
