using System.Diagnostics;
using BootRoute.Apply;
using BootRoute.Naming;
using BootRoute.Netlink;
using BootRoute.Persistence;
using BootRoute.Reporting;
using BootRoute.Settings;
using BootRoute.Stages;
using BootRoute.State;
using BootRoute.Sysctl;
using BootRoute.Verification;

namespace BootRoute.Cli;

/// <summary>
/// The one place a run is wired to the real system: the lock, the netlink socket and every service,
/// then the pipeline, the status file and the report on stdout (problems on stderr).
/// </summary>
internal static class AgentHost
{
    public static Action<string> Progress { get; } = Stderr.Progress;

    public static int Run(AgentCommand command, AgentSettings settings, bool json)
    {
        long started = Stopwatch.GetTimestamp();
        Report report;
        try
        {
            // Only the runs that change the kernel take the lock; plan, verify and status only read.
            bool changes = command is AgentCommand.Apply or AgentCommand.Remove;
            using var held = changes
                ? RunLock.AcquireAsync(settings.State.Directory, settings.State.LockTimeout, Progress, CancellationToken.None).GetAwaiter().GetResult()
                : null;
            if (held is null && changes)
            {
                Stderr.Line($"another bootroute run still holds {RunLock.PathIn(settings.State.Directory)} "
                    + $"after {settings.State.LockTimeout.TotalSeconds:0}s (state.lock_timeout); nothing changed");
                return ExitCodes.Busy;
            }
            using var netlink = RtnetlinkClient.Open();
            report = new Pipeline(settings, Services(settings, netlink)).RunAsync(command, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (NetlinkException error)
        {
            Stderr.Line($"cannot read the kernel's routing state: {error.Message}");
            return ExitCodes.NothingToManage;
        }
        catch (StateException error)
        {
            // state.directory someone else owns or may write to: a setting to fix, not a retry.
            Console.Error.WriteLine($"bootroute: {error.Message}; nothing changed");
            return ExitCodes.UsageOrConfiguration;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Stderr.Line($"{error.Message}; nothing changed");
            return ExitCodes.ApplyFailed;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Before any change, or from an apply that undid what it did before letting go (the
            // applier's rule); the pipeline reports its own after-apply faults. Reported here rather
            // than by the top-level guard so that status.json says so too.
            report = RunReports.Unexpected(command, error);
        }
        if (command is AgentCommand.Apply or AgentCommand.Verify or AgentCommand.Remove)
        {
            PublishStatus(settings.State.Directory, report);
            PublishMetrics(settings.Metrics.Textfile, report, Stopwatch.GetElapsedTime(started));
        }
        ReportOutput.Write(report, json);
        return report.ExitCode;
    }

    public static AgentServices Services(AgentSettings settings, INetlink netlink)
    {
        var state = new RecordedStateStore(new FileStateStore(settings.State.Directory));
        return new(netlink, new ProcRouteCache(), LeaseSources.ForHost(settings, state), new SocketProber())
        {
            Sysctl = new ProcSysctl(),
            State = state,
            Faults = EnvironmentFaultInjector.FromEnvironment(),
            Names = new RouteNameFiles(),
            Time = TimeProvider.System,
            Progress = Progress,
            Persister = new Persister(new RootFileSystem(settings.Persist.Root), new NmcliReload()),
            ReadLastRun = () => LastRun.Read(settings.State.Directory),
            Ready = () => ServiceManager.NotifyReady("routing applied; verifying"),
        };
    }

    // Like status.json: a metrics file that cannot be written is said, and the run keeps its exit code.
    private static void PublishMetrics(string? textfile, Report report, TimeSpan duration)
    {
        if (textfile is null)
        {
            return;
        }
        try
        {
            MetricsTextfile.Write(textfile, report, DateTimeOffset.UtcNow, duration);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Stderr.Line($"could not write metrics.textfile {textfile}: {error.Message}");
        }
    }

    // Monitoring reads status.json; failing to write it must not turn a good run into a failed one.
    private static void PublishStatus(string directory, Report report)
    {
        try
        {
            StateDirectory.Prepare(directory);
            StatusFile.Write(directory, report);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or StateException)
        {
            Stderr.Line($"could not write {StatusFile.PathIn(directory)}: {error.Message}");
        }
    }
}
