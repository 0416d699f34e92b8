using BootRoute.Model;
using BootRoute.Planning;

namespace BootRoute.Persistence.Detection;

/// <summary>
/// Decides, for each managed NIC, which network stack keeps its configuration and so where BootRoute
/// must write (<c>persist.backend</c>). <see cref="PersistBackend.Auto"/> looks at the evidence in this
/// order and says which it chose and why:
/// <list type="number">
/// <item>a netplan definition for the NIC (netplan generates networkd's or NetworkManager's files from it);</item>
/// <item>NetworkManager: it holds the NIC's lease, or it is enabled and has a profile for the NIC;</item>
/// <item>an initscripts ifcfg file for the NIC (not handed to NetworkManager);</item>
/// <item>systemd-networkd: it holds the lease, or it is enabled and a .network file matches the NIC;</item>
/// <item>an ifupdown iface stanza for the NIC;</item>
/// <item>a DHCP client running on its own (dhclient, dhcpcd) holds the lease: its DEFROUTE piece only.</item>
/// </list>
/// A configured backend is used for every NIC; a NIC it cannot be written for is reported and skipped.
/// Reads the image's files through <see cref="IRootFileSystem"/>; changes nothing.
/// </summary>
internal sealed class StackDetector
{
    private readonly IRootFileSystem _files;
    private readonly Lazy<(IReadOnlyList<NetplanDefinition> Definitions, IReadOnlyList<string> Problems)> _netplan;
    private readonly Lazy<IReadOnlyList<NetworkFile>> _networkd;
    private readonly Lazy<IfupdownInterfaces> _ifupdown;

    public StackDetector(IRootFileSystem files)
    {
        _files = files;
        _netplan = new(() => NetplanDefinitions.Read(files));
        _networkd = new(() => NetworkdFiles.Read(files));
        _ifupdown = new(() => IfupdownInterfaces.Read(files));
    }

    public (IReadOnlyList<StackTarget> Targets, IReadOnlyList<string> Problems) Detect(
        RoutingPlan plan, HostSnapshot snapshot, PersistBackend configured)
    {
        var targets = new List<StackTarget>();
        foreach (var nic in plan.Interfaces)
        {
            var link = snapshot.FindLink(nic.Name);
            string? mac = link?.MacAddress is { } address ? MacAddresses.Format(address) : null;
            var nicInfo = new NicFacts(nic.Name, mac, link?.Kind, LeaseClient(nic.Lease.Source));
            targets.Add(configured switch
            {
                PersistBackend.None => new NoStackTarget(nic.Name, "persist.backend is none"),
                PersistBackend.Auto => Auto(nicInfo),
                PersistBackend.Netplan => (StackTarget?)Netplan(nicInfo, "persist.backend is netplan") ?? new NoStackTarget(nic.Name,
                    $"persist.backend is netplan, but no netplan file defines {nic.Name}"),
                PersistBackend.Networkd => (StackTarget?)Networkd(nicInfo, "persist.backend is networkd") ?? new NoStackTarget(nic.Name,
                    $"persist.backend is networkd, but no .network file matches {nic.Name}"),
                PersistBackend.NetworkManager => NetworkManager(nicInfo, "persist.backend is networkmanager", always: true)!,
                PersistBackend.Ifcfg => (StackTarget?)Ifcfg(nicInfo, "persist.backend is ifcfg") ?? new NoStackTarget(nic.Name,
                    $"persist.backend is ifcfg, but no ifcfg file in {Paths.Stacks.NetworkScripts} is for {nic.Name}"),
                PersistBackend.Ifupdown => Ifupdown(nicInfo, "persist.backend is ifupdown", always: true)!,
                _ => throw new ArgumentOutOfRangeException(nameof(configured)),
            });
        }
        return (targets, _netplan.IsValueCreated ? _netplan.Value.Problems : []);
    }

    /// <summary>What detection knows about one NIC.</summary>
    private sealed record NicFacts(string Name, string? Mac, string? Kind, string LeaseClient);

    private StackTarget Auto(NicFacts nic) =>
        (StackTarget?)Netplan(nic, null)
        ?? NetworkManager(nic, null, always: false)
        ?? Ifcfg(nic, null)
        ?? Networkd(nic, null)
        ?? (StackTarget?)Ifupdown(nic, null, always: false)
        ?? new NoStackTarget(nic.Name, $"no network stack's configuration names {nic.Name} and its lease came from {nic.LeaseClient}: nothing to persist");

    private NetplanTarget? Netplan(NicFacts nic, string? why)
    {
        var definition = _netplan.Value.Definitions.FirstOrDefault(definition => definition.Matches(nic.Name, nic.Mac));
        return definition is null
            ? null
            : new NetplanTarget(nic.Name,
                why ?? $"{_files.Describe(definition.File)} defines it ({definition.DeviceType}.{definition.Id}, rendered for {definition.Renderer})",
                definition.Id, definition.DeviceType, definition.Dhcp6,
                Networkd: definition.Renderer == "networkd" && _files.DirectoryExists(Paths.Stacks.NetworkdDropInDirectory));
    }

    private NetworkManagerTarget? NetworkManager(NicFacts nic, string? why, bool always)
    {
        bool holdsLease = nic.LeaseClient == "networkmanager";
        bool installed = NetworkManagerProfiles.IsInstalled(_files);
        var profile = NetworkManagerProfiles.Find(_files, nic.Name, nic.Mac, includeIfcfg: installed);
        if (!always && !holdsLease && !(profile is not null && NetworkManagerProfiles.IsEnabled(_files)))
        {
            return null;
        }
        string reason = why ?? (holdsLease ? "NetworkManager holds its lease" : "NetworkManager is enabled and has a profile for it");
        return profile is null
            ? new NetworkManagerTarget(nic.Name, $"{reason}; no profile on disk, so BootRoute writes its own", null, ProfileFormat.Keyfile)
            : new NetworkManagerTarget(nic.Name, $"{reason} ({_files.Describe(profile.Path)})", profile.Path, profile.Format);
    }

    private IfcfgTarget? Ifcfg(NicFacts nic, string? why)
    {
        bool networkManager = NetworkManagerProfiles.IsInstalled(_files);
        var file = IfcfgFiles.Find(_files, nic.Name, nic.Mac)
            .FirstOrDefault(path => why is not null || !networkManager || IfcfgFiles.OptsOutOfNetworkManager(_files, path));
        return file is null ? null : new IfcfgTarget(nic.Name, why ?? $"{_files.Describe(file)} configures it (initscripts)", file);
    }

    private NetworkdTarget? Networkd(NicFacts nic, string? why)
    {
        NetworkFile? match = null;
        IReadOnlyList<string> unknown = [];
        foreach (var file in _networkd.Value)
        {
            if (file.Matches(nic.Name, nic.Mac, nic.Kind, out unknown))
            {
                match = file;
                break;
            }
        }
        if (match is null || (why is null && nic.LeaseClient != "networkd" && !NetworkdFiles.IsEnabled(_files)))
        {
            return null;
        }
        string assumed = unknown.Count == 0 ? "" : $"; taking {string.Join(" ", unknown)} in its [Match] to match";
        string reason = why ?? (nic.LeaseClient == "networkd" ? "systemd-networkd holds its lease" : "systemd-networkd is enabled");
        return new NetworkdTarget(nic.Name, $"{reason} and configures it from {_files.Describe(match.Path)}{assumed}", match.Name);
    }

    private IfupdownTarget? Ifupdown(NicFacts nic, string? why, bool always)
    {
        var interfaces = _ifupdown.Value;
        bool ifupdown = interfaces.Stanzas.ContainsKey(nic.Name) && Paths.Stacks.IfupBinaries.Any(_files.FileExists);
        bool standaloneClient = nic.LeaseClient is "dhclient" or "dhcpcd";
        if (!always && !ifupdown && !standaloneClient)
        {
            return null;
        }
        bool hasDhclient = Paths.Stacks.DhclientBinaries.Any(_files.FileExists);
        bool hasDhcpcd = Paths.Stacks.DhcpcdBinaries.Any(_files.FileExists);
        // The lease says which client runs; without one, ifupdown's own order (dhclient first).
        bool dhclient = nic.LeaseClient == "dhclient" || (nic.LeaseClient != "dhcpcd" && hasDhclient);
        bool dhcpcd = nic.LeaseClient == "dhcpcd" || (nic.LeaseClient != "dhclient" && !hasDhclient && hasDhcpcd);
        string? stanza = ifupdown ? interfaces.StanzaFile : null;
        string clients = string.Join(" and ", new[] { dhclient ? "dhclient" : null, dhcpcd ? "dhcpcd" : null }.OfType<string>());
        string reason = why
            ?? (ifupdown
                ? $"{_files.Describe(interfaces.Stanzas[nic.Name])} has its ifupdown stanza"
                : $"no network stack's configuration names it; its lease is {nic.LeaseClient}'s");
        if (ifupdown && stanza is null)
        {
            reason += $"; {Paths.Stacks.IfupdownInterfaces} does not read {Paths.Stacks.IfupdownInterfacesDirectory}, so no stanza of BootRoute's";
        }
        reason += clients.Length == 0 ? "; no DHCP client found for DEFROUTE" : $"; DEFROUTE through {clients}";
        return new IfupdownTarget(nic.Name, reason, stanza, dhclient, dhcpcd);
    }

    /// <summary>
    /// The DHCP client behind a lease, from its source ("dhclient:/var/lib/dhcp/…"). NetworkManager's
    /// dhclient plugin keeps its leases in /var/lib/NetworkManager: that lease is NetworkManager's.
    /// </summary>
    internal static string LeaseClient(string source)
    {
        int colon = source.IndexOf(':', StringComparison.Ordinal);
        string client = colon < 0 ? source : source[..colon];
        return client == "dhclient" && source.Contains(Paths.Leases.NetworkManagerDirectory + "/", StringComparison.Ordinal) ? "networkmanager" : client;
    }
}
