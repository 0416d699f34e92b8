namespace BootRoute.Persistence.Detection;

/// <summary>
/// <c>KEY=value</c> files that are sourced by a shell (RHEL's ifcfg files): plain, "double" and
/// 'single' quoted values, '#' comments; a later assignment wins, as in the shell. Only what
/// detection needs: no expansion. Pure.
/// </summary>
internal static class ShellVariables
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !line[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                continue;
            }
            string value = line[(equals + 1)..];
            if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
            {
                value = value[1..^1];
            }
            values[line[..equals]] = value;
        }
        return values;
    }
}
