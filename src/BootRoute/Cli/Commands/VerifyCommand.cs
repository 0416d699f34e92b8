using System.CommandLine;
using BootRoute.Stages;

namespace BootRoute.Cli.Commands;

/// <summary><c>bootroute verify</c>: run the checks against the kernel as it is; changes nothing.</summary>
internal static class VerifyCommand
{
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("verify", "Run the checks against the kernel as it is; changes nothing");
        command.SetAction(options.Runs(AgentCommand.Verify));
        return command;
    }
}
