using System.CommandLine;
using BootRoute.Stages;

namespace BootRoute.Cli.Commands;

/// <summary><c>bootroute remove</c>: delete every rule and route BootRoute owns and restore what apply changed; all or nothing.</summary>
internal static class RemoveCommand
{
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("remove", "Delete every rule and route BootRoute owns and restore what apply changed; all or nothing");
        command.SetAction(options.Runs(AgentCommand.Remove));
        return command;
    }
}
