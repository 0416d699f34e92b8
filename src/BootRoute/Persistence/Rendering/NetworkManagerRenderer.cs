using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BootRoute.Model;
using BootRoute.Planning;

namespace BootRoute.Persistence.Rendering;

/// <summary>
/// NetworkManager (nm-settings-keyfile(5), nm-settings-nmcli(5), network-stacks.md §1b): in the
/// profile that manages each NIC, <c>ipv4.never-default</c> (true on non-primary NICs: DEFROUTE=no)
/// and BootRoute's rules as <c>ipv4.routing-rules</c> with their fixed priorities, numbered after the
/// profile's own. A keyfile gets them in a marked block at the end of its [ipv4] group (GLib's keyfile
/// reader takes the last value of a repeated key, so the block wins over the profile's own
/// never-default); an ifcfg-rh profile gets <c>DEFROUTE=</c> and <c>ROUTING_RULE_n=</c> in a block at
/// its end. A NIC with no profile on disk gets a keyfile of BootRoute's own (0600, which
/// NetworkManager requires). A NIC managed in IPv6 too gets the same for IPv6: <c>ipv6.never-default</c>
/// (true when it is not IPv6's primary: NetworkManager, which handles router advertisements itself,
/// then installs no default from them) and its IPv6 rules, in a block at the end of the [ipv6] group,
/// or <c>IPV6_DEFROUTE=</c> and <c>ROUTING_RULE6_n=</c> in an ifcfg-rh profile.
/// <para>
/// Deliberately not <c>ipv4.route-table</c> (nor <c>ipv6.route-table</c>): it would move the profile's prefix route out of main and
/// make NetworkManager flush from that table every route it did not add itself, BootRoute's included.
/// NetworkManager leaves tables it does not manage alone, so BootRoute's tables survive without it.
/// </para>
/// Pure: the profiles' current content comes in <c>originals</c> (without BootRoute's block).
/// </summary>
public static class NetworkManagerRenderer
{
    public static Rendering Render(RoutingPlan plan, IReadOnlyList<NetworkManagerTarget> targets, IReadOnlyDictionary<string, string?> originals)
    {
        var files = new List<PersistedFile>();
        foreach (var target in targets)
        {
            var nic = plan.Interfaces.Single(nic => nic.Name == target.Interface);
            var rules = RoutingParts.AllRules(plan, nic).ToList();
            var ipv6 = RoutingParts.IPv6Of(plan, nic.Name);
            string? original = target.ProfilePath is { } path && originals.TryGetValue(path, out var text) ? text : null;
            if (target.ProfilePath is null)
            {
                files.Add(new OwnedFile(OwnedProfilePath(nic.Name), OwnedProfile(nic, rules, ipv6), PersistedFile.Private));
            }
            else if (target.Format == ProfileFormat.Keyfile)
            {
                files.Add(new FileBlock(target.ProfilePath, KeyfileKeys(nic, rules, NextNumber(original, "routing-rule")), PersistedFile.Private, "[ipv4]"));
                if (ipv6 is not null)
                {
                    var ipv6Rules = ipv6.AllRules.ToList();
                    files.Add(new FileBlock(target.ProfilePath, KeyfileKeys(ipv6.Nic, ipv6Rules, NextNumber(original, "routing-rule", "[ipv6]")),
                        PersistedFile.Private, "[ipv6]"));
                }
            }
            else
            {
                files.Add(new FileBlock(target.ProfilePath, IfcfgKeys(nic, rules, NextNumber(original, "ROUTING_RULE_"), "DEFROUTE=", "ROUTING_RULE_"), PersistedFile.Readable));
                if (ipv6 is not null)
                {
                    files.Add(new FileBlock(target.ProfilePath,
                        IfcfgKeys(ipv6.Nic, ipv6.AllRules.ToList(), NextNumber(original, "ROUTING_RULE6_"), "IPV6_DEFROUTE=", "ROUTING_RULE6_"), PersistedFile.Readable));
                }
            }
        }
        return new Rendering(files, []);
    }

    public static string OwnedProfilePath(string nic) =>
        $"{Paths.Stacks.NetworkManagerConnections}/{Paths.Stacks.NetworkManagerOwnedPrefix}{nic}.nmconnection";

    /// <summary>NetworkManager's rule syntax (nm_ip_routing_rule_from_string): like `ip rule`, but "table" and no protocol.</summary>
    public static string RuleText(PolicyRule rule)
    {
        var text = new StringBuilder("priority ").Append(Number(rule.Priority));
        text.Append(" from ").Append(rule.Source is { } source ? source.ToIpString() : rule.IsIPv6 ? "::/0" : "0.0.0.0/0");
        if (rule.Destination is { } to)
        {
            text.Append(" to ").Append(to);
        }
        if (rule.SuppressPrefixLength is { } suppress)
        {
            text.Append(" suppress_prefixlength ").Append(Number(suppress));
        }
        return text.Append(" table ").Append(Number(rule.Table)).ToString();
    }

    private static string KeyfileKeys(PlannedInterface nic, List<PolicyRule> rules, int first)
    {
        var text = new StringBuilder();
        text.Append("never-default=").Append(nic.IsPrimary ? "false" : "true").Append('\n');
        for (int i = 0; i < rules.Count; i++)
        {
            text.Append("routing-rule").Append(Number((uint)(first + i))).Append('=').Append(RuleText(rules[i])).Append('\n');
        }
        return text.ToString();
    }

    /// <param name="defroute">"DEFROUTE=" or "IPV6_DEFROUTE=" (ifcfg-rh's ipv6.never-default).</param>
    /// <param name="rulePrefix">"ROUTING_RULE_" or "ROUTING_RULE6_".</param>
    private static string IfcfgKeys(PlannedInterface nic, List<PolicyRule> rules, int first, string defroute, string rulePrefix)
    {
        var text = new StringBuilder();
        text.Append(defroute).Append(nic.IsPrimary ? "yes" : "no").Append('\n');
        for (int i = 0; i < rules.Count; i++)
        {
            text.Append(rulePrefix).Append(Number((uint)(first + i))).Append("=\"").Append(RuleText(rules[i])).Append("\"\n");
        }
        return text.ToString();
    }

    private static string OwnedProfile(PlannedInterface nic, List<PolicyRule> rules, IPv6Side? ipv6)
    {
        var text = new StringBuilder();
        text.Append(PersistedFile.OwnedHeader).Append('\n');
        text.Append("# ").Append(nic.Name).Append(" had no profile on disk; this one replaces NetworkManager's in-memory default.\n");
        text.Append("[connection]\nid=bootroute ").Append(nic.Name).Append("\nuuid=").Append(StableUuid(nic.Name))
            .Append("\ntype=ethernet\ninterface-name=").Append(nic.Name).Append("\n\n");
        text.Append("[ipv4]\nmethod=auto\n").Append(KeyfileKeys(nic, rules, 1)).Append('\n');
        text.Append("[ipv6]\nmethod=auto\n");
        if (ipv6 is not null)
        {
            text.Append(KeyfileKeys(ipv6.Nic, ipv6.AllRules.ToList(), 1));
        }
        return text.ToString();
    }

    /// <summary>
    /// One past the highest <c>&lt;prefix&gt;N</c> key in the profile (in keyfile group <paramref name="group"/>
    /// only, when given: [ipv4] and [ipv6] number their routing-rule keys apart), so BootRoute's rules
    /// never replace the profile's own.
    /// </summary>
    private static int NextNumber(string? original, string prefix, string? group = null)
    {
        int highest = 0;
        string? current = null;
        foreach (var raw in (original ?? "").Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith('['))
            {
                current = line;
            }
            if (group is not null && current != group)
            {
                continue;
            }
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith(prefix, StringComparison.Ordinal) && equals > prefix.Length
                && int.TryParse(line.AsSpan(prefix.Length, equals - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            {
                highest = Math.Max(highest, n);
            }
        }
        return highest + 1;
    }

    /// <summary>
    /// A UUID derived from the NIC's name, so rewriting the profile changes nothing: RFC 9562 version 8
    /// (custom), the first 128 bits of SHA-256 with the version and variant bits set.
    /// </summary>
    public static string StableUuid(string nic)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"bootroute:{nic}"), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        string hex = Convert.ToHexStringLower(hash[..16]);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    private static string Number(uint value) => value.ToString(CultureInfo.InvariantCulture);
}
