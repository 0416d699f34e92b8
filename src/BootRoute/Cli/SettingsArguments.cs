using System.CommandLine;
using BootRoute.Settings;

namespace BootRoute.Cli;

/// <summary>The settings of one run from the command line's <c>--config</c> and <c>--set</c>, the environment and the files.</summary>
internal static class SettingsArguments
{
    /// <param name="overrides">Flags of the command itself that are settings (<c>--no-verify</c>); they win over <c>--set</c>.</param>
    /// <returns>The settings, or null after printing the one-line error (exit 2).</returns>
    public static AgentSettings? Load(ParseResult result, GlobalOptions options, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in result.GetValue(options.Set) ?? [])
        {
            int equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                Stderr.Line($"command line --set {assignment}: expected KEY=VALUE, e.g. --set verify.timeout=5s");
                return null;
            }
            flags[assignment[..equals]] = assignment[(equals + 1)..];
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            flags[key] = value;
        }
        try
        {
            return SettingsLoader.Load(result.GetValue(options.Config), flags, EnvironmentVariables());
        }
        catch (ConfigurationException error)
        {
            Stderr.Line($"{error.Message}");
            return null;
        }
    }

    private static Dictionary<string, string> EnvironmentVariables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && key.StartsWith("BOOTROUTE_", StringComparison.Ordinal) && entry.Value is string value)
            {
                variables[key] = value;
            }
        }
        return variables;
    }
}
