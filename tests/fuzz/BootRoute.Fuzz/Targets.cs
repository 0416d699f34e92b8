using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using BootRoute.Discovery;
using BootRoute.Discovery.Dhclient;
using BootRoute.Discovery.Dhcpcd;
using BootRoute.Discovery.NetworkManager;
using BootRoute.Discovery.Networkd;
using BootRoute.Discovery.OpenStack;
using BootRoute.Model;
using BootRoute.Persistence;
using BootRoute.Persistence.Detection;
using BootRoute.Settings;
using BootRoute.State;
using BootRoute.Verification;

namespace BootRoute.Fuzz;

/// <summary>
/// One fuzz target per parser of outside input. Each feeds the input to the parser the way the agent
/// does and catches only the exception type that parser documents for bad input; any other exception
/// escapes, and SharpFuzz reports it to AFL++ as a crash. The parsers documented as never throwing
/// catch nothing.
/// </summary>
internal static class Targets
{
    private static readonly DateTimeOffset Written = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Uri EchoUrl = new("http://198.51.100.1/ip");
    private static readonly Dictionary<string, string?> NoOverrides = [];
    private static readonly Dictionary<string, string> NoEnvironment = [];

    /// <summary>The two NICs of the OpenStack fixtures, so network_data.json's links resolve to names.</summary>
    private static readonly Link[] Links =
    [
        new(2, "ens3", PhysicalAddress.Parse("fa-16-3e-00-00-01"), 1500, IsUp: true, IsLoopback: false),
        new(3, "ens4", PhysicalAddress.Parse("fa-16-3e-00-00-02"), 1500, IsUp: true, IsLoopback: false),
    ];

    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new SortedDictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["dhclient"] = input => DhclientLeaseParser.Parse(Text(input), "/var/lib/dhcp/dhclient.ens4.leases"),
        ["dhcpcd"] = input => DhcpcdLeaseParser.Parse(input, "ens4", Written, "/var/lib/dhcpcd/ens4.lease"),
        ["networkd"] = input => NetworkdLeaseParser.Parse(Text(input), "ens4", Written, "/run/systemd/netif/leases/3"),
        ["networkd-json"] = input => NetworkdLeaseParser.Parse(Text(input), "ens4", Written, "/run/systemd/netif/leases/3"),
        ["networkmanager"] = input => NetworkManagerDeviceParser.Parse(Text(input), "ens4", Written, "/run/NetworkManager/devices/3"),
        ["openstack"] = input => NetworkDataParser.Parse(Text(input), "/var/lib/bootroute/openstack/network_data.json", Links),
        ["option121"] = input => ClasslessStaticRouteDecoder.TryDecode(input, out _, out _),
        ["echo"] = input => EchoResponse.Parse(input, EchoUrl),
        ["settings"] = Settings,
        ["netplan"] = Netplan,
        ["state"] = State,
    };

    /// <summary>The lease sources read text as UTF-8 (<see cref="TextFile"/>); so do the targets.</summary>
    private static string Text(byte[] input) => Encoding.UTF8.GetString(input);

    /// <summary>The whole load path of a settings file given with --config: read, check, layer, bind, validate.</summary>
    private static void Settings(byte[] input)
    {
        string file = Path.Combine(Scratch.Value, "bootroute.yaml");
        File.WriteAllBytes(file, input);
        try
        {
            SettingsLoader.Load(file, mustExist: true, NoOverrides, NoEnvironment);
        }
        catch (ConfigurationException)
        {
            // The documented answer to a bad settings file: one line, exit 78.
        }
    }

    /// <summary>An image whose only netplan file is the input, read as stack detection and persist plan do.</summary>
    private static void Netplan(byte[] input)
    {
        string directory = Path.Combine(Scratch.Value, "root", "etc", "netplan");
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "50-cloud-init.yaml"), input);
        NetplanDefinitions.Read(new RootFileSystem(Path.Combine(Scratch.Value, "root")));
    }

    private static void State(byte[] input)
    {
        File.WriteAllBytes(Path.Combine(Scratch.Value, Paths.State.StateFileName), input);
        try
        {
            new FileStateStore(Scratch.Value).Load();
        }
        catch (StateException)
        {
            // The documented answer to a state file that cannot be used: one line and the way out.
        }
    }

    /// <summary>A directory of this process's own under TMPDIR (tests/fuzz/run.sh points that into its output).</summary>
    private static readonly Lazy<string> Scratch = new(() => Directory.CreateTempSubdirectory("bootroute-fuzz-").FullName);
}
