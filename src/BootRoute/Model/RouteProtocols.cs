namespace BootRoute.Model;

/// <summary>
/// Route and rule protocol numbers (rtm_protocol, FRA_PROTOCOL). BootRoute tags everything it creates
/// with <see cref="BootRoute"/> so that it can later find, diff and remove exactly its own objects and
/// nothing else. The number is registered in /etc/iproute2/rt_protos.d/bootroute.conf so `ip route`
/// prints "proto bootroute". 200 is unassigned in iproute2's rt_protos and outside the range FRR uses
/// (186-198).
/// </summary>
public static class RouteProtocols
{
    public const byte Unspecified = 0;
    public const byte Redirect = 1;
    public const byte Kernel = 2;
    public const byte Boot = 3;
    public const byte Static = 4;

    /// <summary>RTPROT_RA: a route the kernel learnt from an IPv6 router advertisement.</summary>
    public const byte RouterAdvertisement = 9;
    public const byte Dhcp = 16;
    public const byte BootRoute = 200;

    public static string Name(byte protocol) => protocol switch
    {
        Redirect => "redirect",
        Kernel => "kernel",
        Boot => "boot",
        Static => "static",
        RouterAdvertisement => "ra",
        Dhcp => "dhcp",
        BootRoute => "bootroute",
        _ => protocol.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The protocol as an `ip … proto X` argument. iproute2 knows "kernel", "boot", "static", "dhcp"
    /// without any file, but "bootroute" only once rt_protos.d/bootroute.conf is installed, so printed
    /// commands use the number: they paste on any host.
    /// </summary>
    public static string ToIpArgument(byte protocol) => protocol switch
    {
        Redirect or Kernel or Boot or Static or RouterAdvertisement or Dhcp => Name(protocol),
        _ => protocol.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
