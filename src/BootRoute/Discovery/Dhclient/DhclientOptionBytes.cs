using System.Globalization;

namespace BootRoute.Discovery.Dhclient;

/// <summary>A binary option's value as dhclient writes it in its lease file, back to bytes.</summary>
internal static class DhclientOptionBytes
{
    /// <summary>
    /// The option's bytes from dhclient's text: Debian declares 121 as <c>array of unsigned integer 8</c>
    /// and writes <c>24,100,64,1,…</c>; an undeclared option is written <c>unknown-121 18:64:40:1:…</c>
    /// (hex, no leading zeros); a value whose bytes are all printable may come as a quoted string.
    /// </summary>
    public static bool TryParse(DhclientToken value, out byte[] bytes, out string? error)
    {
        bytes = [];
        error = null;
        if (value.Kind == DhclientTokenKind.QuotedString)
        {
            bytes = new byte[value.Text.Length];
            for (int i = 0; i < value.Text.Length; i++)
            {
                if (value.Text[i] > 0xFF)
                {
                    error = "string value holds a character that is not a byte";
                    return false;
                }
                bytes[i] = (byte)value.Text[i];
            }
            return true;
        }
        bool hex = value.Text.Contains(':', StringComparison.Ordinal);
        string[] parts = value.Text.Split(hex ? ':' : ',');
        bytes = new byte[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            bool ok = hex
                ? parts[i].Length is 1 or 2 && byte.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i])
                : byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]);
            if (!ok)
            {
                error = $"\"{parts[i]}\" is not a byte in \"{value.Text}\"";
                return false;
            }
        }
        return true;
    }
}
