using System.CommandLine;
using BootRoute.Cli.Commands;
using BootRoute.Reporting;

namespace BootRoute.Cli;

/// <summary>
/// The command line: <c>bootroute [apply|plan|verify|status|remove|install|uninstall] [--config PATH]
/// [--json] [--set KEY=VALUE]</c>, one class per command under Commands/. Apply is the default so that
/// cloud-init's runcmd can call plain <c>bootroute</c>.
/// </summary>
internal static class CommandLine
{
    private const string ExitCodeHelp = """
        Source-based policy routing for multihomed cloud instances: one routing table per NIC, a rule
        per address, one main default route on the primary NIC, then proof that each NIC answers.

        Exit codes:
          0  done, every check passed (or nothing to do)
          1  a verification check failed; an apply that cut the primary NIC's path
             was rolled back (verify.rollback)
          2  bad command line or configuration; nothing changed
          3  nothing to manage, or discovery failed (no lease, no address); nothing changed,
             or, with three or more NICs, only the named NIC was left as it was
          4  the kernel refused a change (what was applied was rolled back), or another
             program's rule or route holds a priority or table BootRoute needs; nothing changed,
             or, with three or more NICs, only the named NIC was left as it was
          5  another bootroute run held the lock longer than state.lock_timeout; nothing changed
          6  status only: the kernel has drifted from the plan (status exits 1 when it has not,
             but the last apply or verify had a failed check)
          70 internal error (a bug): one line on stderr; if the kernel had been changed, what
             was applied was undone first, and the report and status file say so
        """;

    public static int Run(string[] args) => TopLevelGuard.Run(() => Parse(args), Console.Error);

    private static int Parse(string[] args)
    {
        JournalStream.Attach();
        var parsed = Build().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Stderr.Line($"{error.Message} (see bootroute --help)");
            }
            return ExitCodes.UsageOrConfiguration;
        }
        // System.CommandLine's own handler would print the stack trace and exit 1; the guard answers instead.
        return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>Every command and option: the docs test parses the docs' examples with it, and the bash completion script is rendered from it.</summary>
    internal static AgentRootCommand Build()
    {
        var options = new GlobalOptions();
        var root = new AgentRootCommand(ExitCodeHelp) { options.Config, options.Json, options.Set };
        root.Subcommands.Add(ApplyCommand.Create(root, options));
        root.Subcommands.Add(PlanCommand.Create(options));
        root.Subcommands.Add(VerifyCommand.Create(options));
        root.Subcommands.Add(StatusCommand.Create(options));
        root.Subcommands.Add(RemoveCommand.Create(options));
        if (OperatingSystem.IsLinux())
        {
            InstallCommands.AddTo(root, options);
        }
        root.Subcommands.Add(PathsCommand.Create());
        root.Subcommands.Add(CompletionCommand.Create(root));
        return root;
    }
}
