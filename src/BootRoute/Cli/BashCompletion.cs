using System.CommandLine;
using System.CommandLine.Completions;
using System.Text;
using System.Text.RegularExpressions;

namespace BootRoute.Cli;

/// <summary>
/// The bash completion script, rendered from the command line itself (the commands and options
/// <see cref="CommandLine"/> builds), so it cannot drift from it: <c>bootroute completion bash</c>
/// prints it, <c>install</c> and the packages place it where bash-completion loads it on demand
/// (<see cref="Paths.Install.BashCompletion"/>). After a value-taking option it offers that option's
/// own completions (an option with fixed values) or else file names, as bash does by default.
/// </summary>
internal static partial class BashCompletion
{
    public static string Render(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var commands = root.Subcommands.Where(command => !command.Hidden).ToList();
        var valueOptions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var script = new StringBuilder();
        script.Append("""
            # bash completion for bootroute: its commands and options. Generated from bootroute's own
            # command line (bootroute completion bash); written by bootroute install and the packages.
            _bootroute() {
                local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command= i
                for ((i = 1; i < COMP_CWORD; i++)); do
                    case ${COMP_WORDS[i]} in

            """);
        script.Append("            ").Append(string.Join('|', commands.Select(command => Word(command.Name)))).Append(") command=${COMP_WORDS[i]}; break ;;\n");
        script.Append("""
                    esac
                done
                local words
                case $command in

            """);
        foreach (var command in commands)
        {
            var options = OptionsOf(command, root).ToList();
            Collect(options, valueOptions);
            script.Append("        ").Append(Word(command.Name)).Append(") words='").Append(string.Join(' ', options.SelectMany(Names))).Append("' ;;\n");
        }
        var rootOptions = OptionsOf(root, root).ToList();
        Collect(rootOptions, valueOptions);
        script.Append("        *) words='").Append(string.Join(' ', commands.Select(command => Word(command.Name)).Concat(rootOptions.SelectMany(Names)))).Append("' ;;\n");
        script.Append("    esac\n    case $prev in\n");
        foreach (var (name, values) in valueOptions.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            script.Append("        ").Append(name).Append(values.Count > 0
                ? $") COMPREPLY=($(compgen -W '{string.Join(' ', values)}' -- \"$cur\")); return ;;\n"
                : ") compopt -o default; COMPREPLY=(); return ;;\n");
        }
        script.Append("""
                esac
                COMPREPLY=($(compgen -W "$words" -- "$cur"))
            }
            complete -F _bootroute bootroute

            """);
        return script.ToString();
    }

    /// <summary>A command's own visible options, then the recursive ones of the root it inherits.</summary>
    private static IEnumerable<Option> OptionsOf(Command command, Command root) =>
        command.Options.Where(option => !option.Hidden)
            .Concat(command == root ? [] : root.Options.Where(option => option.Recursive && !option.Hidden));

    /// <summary>The option's spellings that a shell word can hold as it is (not "-?" or "/?").</summary>
    private static IEnumerable<string> Names(Option option) =>
        new[] { option.Name }.Concat(option.Aliases).Where(name => ShellWord().IsMatch(name)).Distinct(StringComparer.Ordinal);

    private static void Collect(IEnumerable<Option> options, Dictionary<string, IReadOnlyList<string>> valueOptions)
    {
        // A bool option is a flag: its optional value (--json true) is never typed.
        foreach (var option in options.Where(option => option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool)))
        {
            var values = option.GetCompletions(CompletionContext.Empty).Select(item => item.Label).Where(label => ShellWord().IsMatch(label)).ToList();
            foreach (var name in Names(option))
            {
                valueOptions.TryAdd(name, values);
            }
        }
    }

    private static string Word(string name) =>
        ShellWord().IsMatch(name) ? name : throw new InvalidOperationException($"command name {name} is not a plain shell word");

    [GeneratedRegex("^-{0,2}[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex ShellWord();
}
