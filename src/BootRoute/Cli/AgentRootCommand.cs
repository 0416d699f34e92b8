using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;

namespace BootRoute.Cli;

/// <summary>
/// The root of the command line: what System.CommandLine's <see cref="RootCommand"/> offers
/// (<c>--help</c> with its aliases, recursive; <c>--version</c>), without its cost on every start.
/// RootCommand's HelpOption and VersionOption read their descriptions through a ResourceManager as
/// they are constructed, and that first use of reflection is a noticeable share of a run that
/// changes nothing (docs/benchmarks.md has the figures). Help is still rendered by System.CommandLine's HelpAction, only when asked
/// for. One visible difference: the root's own help lists --help and --version first, not last.
/// </summary>
internal sealed class AgentRootCommand : Command
{
    public AgentRootCommand(string description)
        : base("bootroute", description)
    {
        // Added first, as RootCommand does, so subcommands' help lists the inherited options alike.
        Options.Add(new Option<bool>("--help", "-h", "/h", "-?", "/?")
        {
            Description = "Show help and usage information",
            Arity = ArgumentArity.Zero,
            Recursive = true,
            Action = new HelpAction(),
        });
        var version = new Option<bool>("--version")
        {
            Description = "Show version information",
            Arity = ArgumentArity.Zero,
            Action = new PrintVersion(),
        };
        version.Validators.Add(result =>
        {
            // A bool option is present, implicitly false, in every parse; only a given --version counts.
            if (!result.Implicit && result.Parent is CommandResult command
                && command.Children.Any(child => child is not OptionResult { Implicit: true } && (child as OptionResult)?.Option != version))
            {
                result.AddError($"{result.IdentifierToken?.Value ?? version.Name} option cannot be combined with other arguments.");
            }
        });
        Options.Add(version);
    }

    /// <summary>"bootroute 0.1.0 (commit …)": see <see cref="BuildInfo"/>.</summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(BuildInfo.Describe());
            return 0;
        }
    }
}
