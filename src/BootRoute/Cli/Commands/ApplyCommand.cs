using System.CommandLine;
using BootRoute.Netlink;
using BootRoute.Reporting;
using BootRoute.Stages;

namespace BootRoute.Cli.Commands;

/// <summary>
/// <c>bootroute [apply] [--no-verify] [--interface IF --reason R]</c>: discover, plan, apply, verify,
/// persist. Also the root command's own action, so that cloud-init's runcmd can call plain <c>bootroute</c>.
/// </summary>
internal static class ApplyCommand
{
    public static Command Create(Command root, GlobalOptions options)
    {
        var noVerify = new Option<bool>("--no-verify") { Description = "Skip verification after apply (verify.enabled: false)" };
        var triggeredBy = new Option<string?>("--interface")
        {
            Description = "Run for a lease event on this interface (what the DHCP hooks pass): exit 0 at once, quietly, if BootRoute does not manage it; else wait for its lease, then apply",
        };
        var reason = new Option<string?>("--reason") { Description = "The DHCP client's reason for the event (BOUND, RENEW, …), for the log" };
        var apply = new Command("apply", "Discover, plan, apply and verify (the default command)") { noVerify, triggeredBy, reason };
        root.SetAction(result => Run(result, options, noVerify: false, trigger: null, reason: null));
        apply.SetAction(result => Run(result, options, result.GetValue(noVerify), result.GetValue(triggeredBy), result.GetValue(reason)));
        return apply;
    }

    private static int Run(ParseResult result, GlobalOptions options, bool noVerify, string? trigger, string? reason)
    {
        int exitCode = RunOnce(result, options, noVerify, trigger, reason);
        // A run that had nothing to change ends bootroute.service's start too; one that failed before
        // the kernel changed says nothing, so that the start itself fails (systemctl start says so).
        if (exitCode == ExitCodes.Success)
        {
            ServiceManager.NotifyReady("nothing to change");
        }
        return exitCode;
    }

    private static int RunOnce(ParseResult result, GlobalOptions options, bool noVerify, string? trigger, string? reason)
    {
        var settings = SettingsArguments.Load(result, options, noVerify ? new Dictionary<string, string?> { ["verify:enabled"] = "false" } : null);
        if (settings is null)
        {
            return ExitCodes.UsageOrConfiguration;
        }
        try
        {
            if (trigger is not null && !HookGate.ShouldRun(settings, trigger, reason))
            {
                return ExitCodes.Success; // not an interface BootRoute manages: a hook's no-op
            }
        }
        catch (NetlinkException error)
        {
            Stderr.Line($"cannot read the kernel's routing state: {error.Message}");
            return ExitCodes.NothingToManage;
        }
        return AgentHost.Run(AgentCommand.Apply, settings, result.GetValue(options.Json));
    }
}
