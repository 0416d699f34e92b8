using System.CommandLine;
using BootRoute.Reporting;

namespace BootRoute.Cli.Commands;

/// <summary>
/// <c>bootroute completion bash</c>: prints the bash completion script rendered from this command
/// line (<see cref="BashCompletion"/>). Hidden: install and the packages place the script, so few
/// need the command, and it is not one to complete.
/// </summary>
internal static class CompletionCommand
{
    public static Command Create(Command root)
    {
        var shell = new Argument<string>("shell") { Description = "The shell: bash" };
        shell.AcceptOnlyFromAmong("bash");
        var command = new Command("completion", "Print the bash completion script for bootroute") { shell };
        command.Hidden = true;
        command.SetAction(result =>
        {
            Console.Out.Write(BashCompletion.Render(root));
            return ExitCodes.Success;
        });
        return command;
    }
}
