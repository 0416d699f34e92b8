using System.Net;
using System.Net.Sockets;
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

    /// <summary>"inet6" for an IPv6 rule (a "from all" rule has no address to tell); absent for IPv4, as files before IPv6 were.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Family { get; init; }

    public const string Inet6 = "inet6";

    public static RuleDocument From(PolicyRule rule) => new()
    {
        Priority = rule.Priority,
        Source = rule.Source?.ToString(),
        Table = rule.Table,
        Protocol = rule.Protocol,
        SuppressPrefixLength = rule.SuppressPrefixLength,
        Family = rule.IsIPv6 ? Inet6 : null,
    };

    public PolicyRule ToRule() => new(
        Priority, Source is null ? null : IPNetwork.Parse(Source), Table, Protocol, SuppressPrefixLength: SuppressPrefixLength,
        Family: Family == Inet6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
}
