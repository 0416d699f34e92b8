using System.CommandLine;
using BootRoute.Netlink;
using BootRoute.Reporting;
using BootRoute.Settings;
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
          1  applied, but a verification check failed
          2  bad command line or configuration; nothing changed
          3  nothing to manage, or discovery failed (no lease, no address); nothing changed
          4  the kernel refused a change; what was applied was rolled back
        """;

    public static int Run(string[] args)
    {
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

        var root = new RootCommand(ExitCodeHelp) { config, json, set };
        var apply = new Command("apply", "Discover, plan, apply and verify (the default command)") { noVerify };
        var plan = new Command("plan", "Print the operations apply would perform as `ip` commands; changes nothing");
        var verify = new Command("verify", "Run the checks against the kernel as it is; changes nothing");
        var status = new Command("status", "Show what BootRoute owns in the kernel and whether it matches the plan");
        root.Subcommands.Add(apply);
        root.Subcommands.Add(plan);
        root.Subcommands.Add(verify);
        root.Subcommands.Add(status);

        root.SetAction(result => Execute(AgentCommand.Apply, result, config, json, noVerify, set));
        apply.SetAction(result => Execute(AgentCommand.Apply, result, config, json, noVerify, set));
        plan.SetAction(result => Execute(AgentCommand.Plan, result, config, json, noVerify, set));
        verify.SetAction(result => Execute(AgentCommand.Verify, result, config, json, noVerify, set));
        status.SetAction(result => Execute(AgentCommand.Status, result, config, json, noVerify, set));

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
        AgentCommand command, ParseResult result, Option<string?> config, Option<bool> json, Option<bool> noVerify, Option<string[]> set)
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

        Report report;
        try
        {
            using var netlink = RtnetlinkClient.Open();
            var pipeline = new Pipeline(settings, netlink, new ProcRouteCache(), LeaseSources.For(settings.Leases), new IcmpProber(),
                TimeProvider.System, line => Console.Error.WriteLine($"bootroute: {line}"));
            report = pipeline.RunAsync(command, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (NetlinkException error)
        {
            Console.Error.WriteLine($"bootroute: cannot read the kernel's routing state: {error.Message}");
            return ExitCodes.NothingToManage;
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
