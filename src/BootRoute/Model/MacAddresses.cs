using System.Globalization;
using System.Net.NetworkInformation;

namespace BootRoute.Model;

/// <summary>MAC addresses as people and <c>ip link</c> write them.</summary>
public static class MacAddresses
{
    /// <summary>PhysicalAddress.ToString() gives "FA163E000004"; people and `ip link` write fa:16:3e:00:00:04.</summary>
    public static string Format(PhysicalAddress? mac) =>
        mac is null ? "" : string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>
    /// Six colon-separated pairs of hex digits in either case, as `ip link` and cloud metadata print
    /// them. PhysicalAddress.TryParse alone also takes dashes, dots and bare hex of any length.
    /// </summary>
    public static bool TryParse(string value, out PhysicalAddress mac)
    {
        mac = PhysicalAddress.None;
        if (value.Length != 17)
        {
            return false;
        }
        for (int i = 0; i < value.Length; i++)
        {
            if (i % 3 == 2 ? value[i] != ':' : !char.IsAsciiHexDigit(value[i]))
            {
                return false;
            }
        }
        mac = PhysicalAddress.Parse(value);
        return true;
    }
}
