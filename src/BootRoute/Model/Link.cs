using System.Net.NetworkInformation;

namespace BootRoute.Model;

/// <summary>
/// A network interface as RTM_NEWLINK reports it. <see cref="Kind"/> is IFLA_INFO_KIND ("veth",
/// "bridge", "bond", "tun", "wireguard", …) and null for plain hardware NICs; <see cref="MasterIndex"/>
/// is IFLA_MASTER (set on bridge ports and bond slaves).
/// </summary>
public sealed record Link(
    int Index,
    string Name,
    PhysicalAddress? MacAddress,
    int Mtu,
    bool IsUp,
    bool IsLoopback,
    string? Kind = null,
    int? MasterIndex = null);
