using System.CommandLine;
using BootRoute.Stages;

namespace BootRoute.Cli.Commands;

/// <summary><c>bootroute status</c>: show what BootRoute owns in the kernel and whether it matches the plan.</summary>
internal static class StatusCommand
{
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("status", "Show what BootRoute owns in the kernel and whether it matches the plan");
        command.SetAction(options.Runs(AgentCommand.Status));
        return command;
    }
}
