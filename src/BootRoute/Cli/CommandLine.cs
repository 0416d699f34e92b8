using System.CommandLine;
using BootRoute.Netlink;
using BootRoute.Reporting;
using BootRoute.Settings;
using BootRoute.Apply;
using BootRoute.State;
using BootRoute.Sysctl;
using BootRoute.Verification;

namespace BootRoute.Cli;

/// <summary>
/// The command line: <c>bootroute [apply|plan|verify|status] [--config PATH] [--json]</c>. Apply is
/// the default so that cloud-init's runcmd can call plain <c>bootroute</c>.
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
          3  nothing to manage, or discovery failed (no lease, no address); nothing changed
          4  the kernel refused a change (what was applied was rolled back), or another
             program's rule or route holds a priority or table BootRoute needs; nothing changed
          5  another bootroute run held the lock longer than state.lock_timeout; nothing changed
        """;

    public static int Run(string[] args)
    {
        JournalStream.Attach();
        var config = new Option<string?>("--config", "-c")
        {
            Description = "Configuration file (default /etc/bootroute/bootroute.yaml; a missing default file means built-in defaults)",
            Recursive = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON", Recursive = true };
        var noVerify = new Option<bool>("--no-verify") { Description = "Skip verification after apply (verify.enabled: false)" };
        var set = new Option<string[]>("--set")
        {
            Description = "Override one setting, e.g. --set verify.timeout=5s (repeatable; wins over file and environment)",
            Recursive = true,
            AllowMultipleArgumentsPerToken = false,
        };

        var root = new AgentRootCommand(ExitCodeHelp) { config, json, set };
        var triggeredBy = new Option<string?>("--interface")
        {
            Description = "Run for a lease event on this interface (what the DHCP hooks pass): exit 0 at once, quietly, if BootRoute does not manage it; else wait for its lease, then apply",
        };
        var reason = new Option<string?>("--reason") { Description = "The DHCP client's reason for the event (BOUND, RENEW, …), for the log" };
        var apply = new Command("apply", "Discover, plan, apply and verify (the default command)") { noVerify, triggeredBy, reason };
        var plan = new Command("plan", "Print the operations apply would perform as `ip` commands; changes nothing");
        var verify = new Command("verify", "Run the checks against the kernel as it is; changes nothing");
        var status = new Command("status", "Show what BootRoute owns in the kernel and whether it matches the plan");
        var remove = new Command("remove", "Delete every rule and route BootRoute owns and restore what apply changed; all or nothing");
        root.Subcommands.Add(apply);
        root.Subcommands.Add(plan);
        root.Subcommands.Add(verify);
        root.Subcommands.Add(status);
        root.Subcommands.Add(remove);
        if (OperatingSystem.IsLinux())
        {
            InstallCommands.AddTo(root);
        }
        root.Subcommands.Add(Commands.PathsCommand.Create());

        root.SetAction(result => Execute(AgentCommand.Apply, result, config, json, noVerify, set));
        apply.SetAction(result => Execute(AgentCommand.Apply, result, config, json, noVerify, set,
            result.GetValue(triggeredBy) is { } name ? (name, result.GetValue(reason)) : null));
        plan.SetAction(result => Execute(AgentCommand.Plan, result, config, json, noVerify, set));
        verify.SetAction(result => Execute(AgentCommand.Verify, result, config, json, noVerify, set));
        status.SetAction(result => Execute(AgentCommand.Status, result, config, json, noVerify, set));
        remove.SetAction(result => Execute(AgentCommand.Remove, result, config, json, noVerify, set));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"bootroute: {error.Message} (see bootroute --help)");
            }
            return ExitCodes.UsageOrConfiguration;
        }
        return parsed.Invoke();
    }

    private static int Execute(
        AgentCommand command, ParseResult result, Option<string?> config, Option<bool> json, Option<bool> noVerify, Option<string[]> set,
        (string Interface, string? Reason)? trigger = null)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in result.GetValue(set) ?? [])
        {
            int equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                Console.Error.WriteLine($"bootroute: command line --set {assignment}: expected KEY=VALUE, e.g. --set verify.timeout=5s");
                return ExitCodes.UsageOrConfiguration;
            }
            overrides[assignment[..equals]] = assignment[(equals + 1)..];
        }
        if (result.GetValue(noVerify))
        {
            overrides["verify:enabled"] = "false";
        }
        AgentSettings settings;
        try
        {
            settings = SettingsLoader.Load(result.GetValue(config), overrides, EnvironmentVariables());
        }
        catch (ConfigurationException error)
        {
            Console.Error.WriteLine($"bootroute: {error.Message}");
            return ExitCodes.UsageOrConfiguration;
        }

        Action<string> progress = line => Console.Error.WriteLine($"{JournalStream.Prefix(JournalStream.Notice)}bootroute: {line}");
        if (trigger is { } hook)
        {
            try
            {
                if (!HookTrigger.ShouldRun(settings, hook.Interface, hook.Reason, progress))
                {
                    return ExitCodes.Success; // not an interface BootRoute manages: a hook's no-op
                }
            }
            catch (NetlinkException error)
            {
                Console.Error.WriteLine($"bootroute: cannot read the kernel's routing state: {error.Message}");
                return ExitCodes.NothingToManage;
            }
        }
        Report report;
        try
        {
            // Only the runs that change the kernel take the lock; plan, verify and status only read.
            using var held = command is AgentCommand.Apply or AgentCommand.Remove
                ? RunLock.AcquireAsync(settings.State.Directory, settings.State.LockTimeout, progress, CancellationToken.None).GetAwaiter().GetResult()
                : null;
            if (held is null && command is AgentCommand.Apply or AgentCommand.Remove)
            {
                Console.Error.WriteLine($"bootroute: another bootroute run still holds {RunLock.PathIn(settings.State.Directory)} "
                    + $"after {settings.State.LockTimeout.TotalSeconds:0}s (state.lock_timeout); nothing changed");
                return ExitCodes.Busy;
            }
            using var netlink = RtnetlinkClient.Open();
            var services = new AgentServices(netlink, new ProcRouteCache(), LeaseSources.For(settings.Leases), new SocketProber(),
                new ProcSysctl(), new FileStateStore(settings.State.Directory), EnvironmentFaultInjector.FromEnvironment(), new Naming.RouteNameFiles(),
                TimeProvider.System, progress,
                new Persistence.Persister(new Persistence.RootFileSystem(settings.Persist.Root), new Persistence.NmcliReload()));
            report = new Pipeline(settings, services).RunAsync(command, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (NetlinkException error)
        {
            Console.Error.WriteLine($"bootroute: cannot read the kernel's routing state: {error.Message}");
            return ExitCodes.NothingToManage;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"bootroute: {error.Message}; nothing changed");
            return ExitCodes.ApplyFailed;
        }

        if (command is AgentCommand.Apply or AgentCommand.Verify or AgentCommand.Remove)
        {
            PublishStatus(settings.State.Directory, report);
        }
        if (result.GetValue(json))
        {
            Console.Out.Write(System.Text.Json.JsonSerializer.Serialize(report, ReportJsonContext.Default.Report));
            Console.Out.WriteLine();
        }
        else
        {
            Console.Out.Write(HumanReport.Format(report));
        }
        if (report.Problems is { Count: > 0 } problems)
        {
            // One line per interface and what it lacks, so a log search for the NIC finds it.
            foreach (var problem in problems)
            {
                Console.Error.WriteLine($"bootroute: {problem}");
            }
        }
        else if (report.ExitCode != ExitCodes.Success)
        {
            Console.Error.WriteLine($"bootroute: {report.Summary}");
        }
        return report.ExitCode;
    }

    // Monitoring reads status.json; failing to write it must not turn a good run into a failed one.
    private static void PublishStatus(string directory, Report report)
    {
        try
        {
            StatusFile.Write(directory, report);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"bootroute: could not write {StatusFile.PathIn(directory)}: {error.Message}");
        }
    }

    private static Dictionary<string, string> EnvironmentVariables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && key.StartsWith("BOOTROUTE_", StringComparison.Ordinal) && entry.Value is string value)
            {
                variables[key] = value;
            }
        }
        return variables;
    }
}
