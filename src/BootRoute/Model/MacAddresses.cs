using System.Globalization;
using System.Net.NetworkInformation;

namespace BootRoute.Model;

/// <summary>MAC addresses as people and <c>ip link</c> write them.</summary>
public static class MacAddresses
{
    /// <summary>PhysicalAddress.ToString() gives "FA163E000004"; people and `ip link` write fa:16:3e:00:00:04.</summary>
    public static string Format(PhysicalAddress? mac) =>
        mac is null ? "" : string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
