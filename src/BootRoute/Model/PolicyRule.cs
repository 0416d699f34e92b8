using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BootRoute.Model;

/// <summary>
/// A routing policy rule (RTM_NEWRULE) of one address family: <see cref="Family"/> says which rule
/// list it is in (`ip rule` or `ip -6 rule`), which a "from all" rule cannot say by its addresses. A null <see cref="Source"/> or <see cref="Destination"/>
/// means "all", as `ip rule` prints it. <see cref="SuppressPrefixLength"/> is FRA_SUPPRESS_PREFIXLEN
/// (null when the kernel reports the "unset" value, 0xFFFFFFFF). <see cref="Protocol"/> is FRA_PROTOCOL
/// (kernel ≥ 4.17), which is how BootRoute recognises its own rules.
/// </summary>
public sealed record PolicyRule(
    uint Priority,
    IPNetwork? Source,
    uint Table,
    byte Protocol = RouteProtocols.BootRoute,
    IPNetwork? Destination = null,
    uint? SuppressPrefixLength = null,
    string? InputInterface = null,
    string? OutputInterface = null,
    uint? FirewallMark = null,
    uint? FirewallMask = null,
    RuleAction Action = RuleAction.ToTable,
    bool Invert = false,
    AddressFamily Family = AddressFamily.InterNetwork)
{
    public bool IsIPv6 => Family == AddressFamily.InterNetworkV6;

    /// <summary>
    /// The kernel's rule has selectors this record does not hold (tos, uid range, ip protocol, ports,
    /// l3mdev, realm, tunnel id, suppress_ifgroup): it is never taken for one of BootRoute's own.
    /// Always false for what BootRoute plans.
    /// </summary>
    public bool HasAttributesBeyondModel { get; init; }

    /// <summary>The rule the way `ip rule` prints it, minus the "N:" priority prefix.</summary>
    public string Selector()
    {
        var text = new StringBuilder();
        if (Invert)
        {
            text.Append("not ");
        }
        text.Append("from ").Append(Source is { } source ? source.ToIpString() : "all");
        if (Destination is { } destination)
        {
            text.Append(" to ").Append(destination.ToIpString());
        }
        if (FirewallMark is { } mark)
        {
            text.Append(" fwmark 0x").Append(mark.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            if (FirewallMask is { } mask && mask != uint.MaxValue)
            {
                text.Append("/0x").Append(mask.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        if (InputInterface is not null)
        {
            text.Append(" iif ").Append(ShellWord.Quote(InputInterface));
        }
        if (OutputInterface is not null)
        {
            text.Append(" oif ").Append(ShellWord.Quote(OutputInterface));
        }
        switch (Action)
        {
            case RuleAction.ToTable:
                text.Append(" lookup ").Append(RoutingTables.Name(Table));
                break;
            default:
                text.Append(' ').Append(Action.ToString().ToLowerInvariant());
                break;
        }
        if (SuppressPrefixLength is { } suppress)
        {
            text.Append(" suppress_prefixlength ").Append(suppress);
        }
        if (Protocol != RouteProtocols.Unspecified && Protocol != RouteProtocols.Boot)
        {
            text.Append(" proto ").Append(RouteProtocols.ToIpArgument(Protocol));
        }
        return text.ToString();
    }

    /// <summary>`ip rule` style: "100: from 100.64.1.10 lookup 101 proto bootroute".</summary>
    public override string ToString() => $"{Priority}:\t{Selector()}";
}
