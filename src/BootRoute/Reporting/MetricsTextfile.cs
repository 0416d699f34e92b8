using System.Text;

namespace BootRoute.Reporting;

/// <summary>
/// The last run as a Prometheus node_exporter textfile (<c>metrics.textfile</c>, a *.prom file the
/// textfile collector reads): when it ran and how it ended, how long it took, what it applied, each
/// NIC's checks and floating IP, and whether the kernel still differs from the plan. Names follow
/// Prometheus's conventions (a <c>bootroute_</c> prefix, base units in the name, no sample timestamps,
/// which the textfile collector refuses). Replaced as a whole with <see cref="AtomicFile"/>, so the
/// collector never reads half a run.
/// </summary>
public static class MetricsTextfile
{
    /// <summary>rw-r--r--: node_exporter does not run as root.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes <see cref="Format"/>'s text to <paramref name="path"/>; the directory must exist (node_exporter's).</summary>
    public static void Write(string path, Report report, DateTimeOffset finished, TimeSpan duration) =>
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(Format(report, finished, duration)), Mode);

    public static string Format(Report report, DateTimeOffset finished, TimeSpan duration)
    {
        var text = new PromText();
        string command = $"command=\"{PromText.Label(report.Command)}\"";
        text.Gauge("bootroute_last_run_timestamp_seconds", "When the last bootroute run ended, in seconds since 1970.",
            [(command, finished.ToUnixTimeMilliseconds() / 1000.0)]);
        text.Gauge("bootroute_last_run_exit_code", "The last run's exit code (docs/operations.md: 0 success, 1 a check failed, 3 or 4 a NIC not managed, ...).",
            [(command, report.ExitCode)]);
        text.Gauge("bootroute_last_run_success", "1 when the last run exited 0, else 0.", [(command, report.ExitCode == ExitCodes.Success ? 1 : 0)]);
        text.Gauge("bootroute_last_run_duration_seconds", "How long the last run took.", [(command, duration.TotalSeconds)]);
        text.Gauge("bootroute_last_run_applied_operations", "Routing operations the last run applied and kept.", [(command, report.Applied)]);
        text.Gauge("bootroute_managed_interfaces", "NICs the last run managed.", [(command, report.Interfaces.Count + report.IPv6OnlyInterfaces.Count)]);
        text.Gauge("bootroute_held_interfaces", "NICs the last run left as they were (bad data, or an operation the kernel refused).", [(command, report.Held.Count)]);
        if (Drift(report) is { } drift)
        {
            text.Gauge("bootroute_drift", "1 when the kernel differs from the plan after the last run (apply would change something), else 0.",
                [(command, drift ? 1 : 0)]);
        }
        var checks = Checks(report);
        text.Gauge("bootroute_check_ok", "1 when the check passed in the last run, 0 when it failed; one per NIC, check and target.",
            checks.Select(check => (check.Labels, check.Passed ? 1.0 : 0.0)));
        text.Gauge("bootroute_check_duration_seconds", "How long the check took in the last run.",
            checks.Select(check => (check.Labels, check.Seconds)));
        text.Gauge("bootroute_floating_ip_reachable", "1 when the NIC's floating IP answered a probe in the last run, else 0.",
            report.Interfaces
                .Where(nic => nic.FloatingIp is not null && nic.Checks.Any(check => check.Name == "floating"))
                .Select(nic => ($"interface=\"{PromText.Label(nic.Name)}\",floating_ip=\"{PromText.Label(nic.FloatingIp)}\"",
                    nic.Checks.Where(check => check.Name == "floating").All(check => check.Passed) ? 1.0 : 0.0)));
        return text.ToString();
    }

    /// <summary>
    /// Whether the kernel differs from the plan once the run is over: for verify, what apply would
    /// still run; for apply, operations planned but not kept (refused, rolled back). Remove means to
    /// leave the plan, so it says nothing of drift.
    /// </summary>
    private static bool? Drift(Report report) => report.Command switch
    {
        "verify" => report.Operations.Count > 0,
        "apply" => report.Applied < report.Operations.Count,
        _ => null,
    };

    /// <summary>One series per NIC, check and target; a repeated one (the same target twice) passes only if every run of it did.</summary>
    private static List<(string Labels, bool Passed, double Seconds)> Checks(Report report) =>
        report.ChecksByInterface()
            .SelectMany(nic => nic.Checks.Select(check => (nic.Name, check)))
            .GroupBy(item => $"interface=\"{PromText.Label(item.Name)}\",check=\"{PromText.Label(item.check.Name)}\",target=\"{PromText.Label(item.check.Target)}\"", StringComparer.Ordinal)
            .Select(group => (group.Key, group.All(item => item.check.Passed), group.Max(item => item.check.Milliseconds) / 1000.0))
            .ToList();
}
