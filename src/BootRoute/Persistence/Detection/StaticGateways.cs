using System.Net;
using BootRoute.Model;

namespace BootRoute.Persistence.Detection;

/// <summary>
/// The gateway the image's network stack configures for a NIC it addresses statically: netplan
/// (<c>routes:</c> to default, <c>gateway4:</c>), networkd (<c>Gateway=</c>, a default <c>[Route]</c>),
/// NetworkManager keyfiles (<c>method=manual</c>, <c>addressN=A/P,GW</c>, <c>gateway=</c>), ifcfg
/// (<c>GATEWAY=</c>) and ifupdown (<c>inet static</c> … <c>gateway</c>). Only a configuration that gives
/// the NIC the very address the kernel has counts: a file edited but not in force, or one for another
/// address, says nothing about this NIC's router. The stacks are asked in that order, each only when
/// the ones before had nothing, so a host reads only as much of its image as it needs.
/// </summary>
internal static class StaticGateways
{
    /// <exception cref="IOException">A file of the image cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">A file of the image may not be read.</exception>
    public static ConfiguredGateway? Find(IRootFileSystem files, Link link, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(link);
        string? mac = link.MacAddress is { } physical ? MacAddresses.Format(physical) : null;
        return Configurations(files, link, mac)
            .Where(found => found.Addresses.Any(text => AddressPart(text) is { } configured && configured.Equals(address)))
            .Select(found => IsIPv4(found.Gateway) ? new ConfiguredGateway(AddressPart(found.Gateway)!, found.File) : null)
            .FirstOrDefault(found => found is not null);
    }

    private sealed record StaticConfiguration(IEnumerable<string> Addresses, string? Gateway, string File);

    private static IEnumerable<StaticConfiguration> Configurations(IRootFileSystem files, Link link, string? mac) =>
        Netplan(files, link.Name, mac)
            .Concat(Networkd(files, link, mac))
            .Concat(NetworkManager(files, link.Name, mac))
            .Concat(Ifcfg(files, link.Name, mac))
            .Concat(Ifupdown(files, link.Name));

    private static IEnumerable<StaticConfiguration> Netplan(IRootFileSystem files, string name, string? mac) =>
        NetplanDefinitions.Read(files).Definitions
            .Where(definition => definition.DeviceType == "ethernets" && definition.Matches(name, mac))
            .Select(definition => new StaticConfiguration(definition.Addresses, definition.Gateway4, definition.File));

    /// <summary>networkd applies the first .network file that matches, in file-name order.</summary>
    private static IEnumerable<StaticConfiguration> Networkd(IRootFileSystem files, Link link, string? mac)
    {
        var file = NetworkdFiles.Read(files).FirstOrDefault(network => network.Matches(link.Name, mac, link.Kind, out _));
        if (file is null)
        {
            yield break;
        }
        var addresses = file.Content.Values("Network", "Address")
            .Concat(file.Content.Occurrences("Address").Select(address => address("Address")).OfType<string>());
        string? gateway = file.Content.Values("Network", "Gateway").FirstOrDefault(IsIPv4)
            ?? file.Content.Occurrences("Route")
                .Where(route => route("Destination") is null or "0.0.0.0/0" && route("Table") is null or "main" or "254")
                .Select(route => route("Gateway"))
                .FirstOrDefault(IsIPv4);
        yield return new StaticConfiguration(addresses, gateway, file.Path);
    }

    /// <summary>A manual keyfile profile: <c>address1=A/P,GW</c> (also <c>addresses1</c>, unnumbered, <c>;</c>-separated lists) and <c>gateway=</c>.</summary>
    private static IEnumerable<StaticConfiguration> NetworkManager(IRootFileSystem files, string name, string? mac)
    {
        if (NetworkManagerProfiles.Find(files, name, mac, includeIfcfg: false) is not { } profile)
        {
            yield break;
        }
        var keyfile = IniFile.Parse(files.ReadText(profile.Path) ?? "");
        if (keyfile.Last("ipv4", "method") != "manual")
        {
            yield break;
        }
        var entries = keyfile.Keys("ipv4")
            .Where(IsAddressKey)
            .SelectMany(key => keyfile.Values("ipv4", key))
            .SelectMany(value => value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(entry => entry.Split(',', StringSplitOptions.TrimEntries))
            .ToList();
        string? gateway = keyfile.Last("ipv4", "gateway") ?? entries.Where(parts => parts.Length > 1).Select(parts => parts[1]).FirstOrDefault();
        yield return new StaticConfiguration(entries.Select(parts => parts[0]), gateway, profile.Path);
    }

    private static IEnumerable<StaticConfiguration> Ifcfg(IRootFileSystem files, string name, string? mac)
    {
        foreach (var path in IfcfgFiles.Find(files, name, mac))
        {
            var values = ShellVariables.Parse(files.ReadText(path) ?? "");
            if (values.TryGetValue("BOOTPROTO", out var protocol) && protocol.ToLowerInvariant() is not ("none" or "static" or ""))
            {
                continue;
            }
            var addresses = values.Where(pair => pair.Key.StartsWith("IPADDR", StringComparison.Ordinal) && pair.Key[6..].All(char.IsAsciiDigit))
                .Select(pair => pair.Value);
            string? gateway = values.GetValueOrDefault("GATEWAY") ?? values.GetValueOrDefault("GATEWAY0");
            yield return new StaticConfiguration(addresses.ToList(), gateway, path);
        }
    }

    private static IEnumerable<StaticConfiguration> Ifupdown(IRootFileSystem files, string name) =>
        IfupdownInterfaces.Read(files).StaticStanzas
            .Where(stanza => stanza.Interface == name && stanza.Address is not null)
            .Select(stanza => new StaticConfiguration([stanza.Address!], stanza.Gateway, stanza.File));

    /// <summary><c>address</c>, <c>addresses</c>, or either followed by a number (<c>address1</c>).</summary>
    private static bool IsAddressKey(string key)
    {
        string rest = key.StartsWith("addresses", StringComparison.Ordinal) ? key[9..]
            : key.StartsWith("address", StringComparison.Ordinal) ? key[7..] : "-";
        return rest.All(char.IsAsciiDigit);
    }

    /// <summary>
    /// The IPv4 address of "a" or "a/p", in dotted-quad form only: the lenient parser would take "1" for
    /// 0.0.0.1, and a file's typo must not become a next hop. Null when it is none.
    /// </summary>
    private static IPAddress? AddressPart(string? text)
    {
        if (text is null)
        {
            return null;
        }
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        return StrictParse.TryParseIPv4(slash < 0 ? text : text[..slash], out var address) ? address : null;
    }

    private static bool IsIPv4(string? text) => text is not null && !text.Contains('/', StringComparison.Ordinal) && AddressPart(text) is not null;
}
