using System.CommandLine;
using BootRoute.Stages;

namespace BootRoute.Cli.Commands;

/// <summary><c>bootroute plan</c>: print the operations apply would perform as `ip` commands; changes nothing.</summary>
internal static class PlanCommand
{
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("plan", "Print the operations apply would perform as `ip` commands; changes nothing");
        command.SetAction(options.Runs(AgentCommand.Plan));
        return command;
    }
}
