using System.CommandLine;
using BootRoute.Reporting;
using BootRoute.Stages;

namespace BootRoute.Cli;

/// <summary>The options every command takes: <c>--config</c>, <c>--json</c> and <c>--set</c>.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = $"Configuration file (default {Paths.Config.File}; a missing default file means built-in defaults)",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the report as JSON", Recursive = true };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override one setting, e.g. --set verify.timeout=5s (repeatable; wins over file and environment)",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The action of a command that is only a run of <paramref name="command"/> with these options.</summary>
    public Func<ParseResult, int> Runs(AgentCommand command) => result =>
        SettingsArguments.Load(result, this) is { } settings ? AgentHost.Run(command, settings, result.GetValue(Json)) : ExitCodes.UsageOrConfiguration;
}
