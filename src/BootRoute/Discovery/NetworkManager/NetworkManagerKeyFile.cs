namespace BootRoute.Discovery.NetworkManager;

/// <summary>
/// Just enough of GLib's key file format (what NetworkManager writes its device state with) to read
/// one group: <c>[group]</c> headers, <c>key=value</c> lines (spaces around <c>=</c> tolerated),
/// <c>#</c> comments, and GKeyFile's value escapes (<c>\s \n \t \r \\</c>).
/// </summary>
internal static class NetworkManagerKeyFile
{
    /// <summary>The keys of <paramref name="group"/> (last one wins), or null when the file has no such group.</summary>
    public static Dictionary<string, string>? ReadGroup(string content, string group, out string? error)
    {
        error = null;
        Dictionary<string, string>? values = null;
        bool inGroup = false;
        int lineNumber = 0;
        foreach (string raw in content.Split('\n'))
        {
            lineNumber++;
            string line = raw.TrimEnd('\r').TrimStart();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (line[0] == '[')
            {
                int close = line.IndexOf(']', StringComparison.Ordinal);
                if (close < 0)
                {
                    error = $"line {lineNumber}: group header without ']'";
                    return null;
                }
                inGroup = line[1..close] == group;
                if (inGroup)
                {
                    values ??= new Dictionary<string, string>(StringComparer.Ordinal);
                }
                continue;
            }
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"line {lineNumber}: not key=value";
                return null;
            }
            if (inGroup)
            {
                values![line[..equals].Trim()] = Unescape(line[(equals + 1)..].Trim());
            }
        }
        return values;
    }

    private static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }
        var text = new System.Text.StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i + 1 == value.Length)
            {
                text.Append(value[i]);
                continue;
            }
            i++;
            text.Append(value[i] switch { 's' => ' ', 'n' => '\n', 't' => '\t', 'r' => '\r', var c => c });
        }
        return text.ToString();
    }
}
