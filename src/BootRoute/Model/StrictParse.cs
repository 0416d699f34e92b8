using System.Globalization;
using System.Net;

namespace BootRoute.Model;

/// <summary>
/// Parsers for numbers and addresses written by people or other programs (settings, cloud metadata,
/// echo services): stricter than the framework's, which accept forms that here are typos.
/// </summary>
public static class StrictParse
{
    /// <summary>Plain decimal only: no sign, no hex, no spaces.</summary>
    public static bool TryParseUInt(string value, out uint result) =>
        uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);

    /// <summary>
    /// Dotted quads only. IPAddress.TryParse also takes "1" (0.0.0.1), "1.2" and octal "010.0.0.1",
    /// which in a settings file are far more likely typos than intent.
    /// </summary>
    public static bool TryParseIPv4(string value, out IPAddress address)
    {
        address = IPAddress.None;
        string[] parts = value.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || (p.Length > 1 && p[0] == '0')))
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[4];
        for (int i = 0; i < 4; i++)
        {
            if (!byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }
        address = new IPAddress(bytes);
        return true;
    }
}
