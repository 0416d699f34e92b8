using BootRoute.Reporting;

namespace BootRoute.Install;

/// <summary>
/// bootroute.service: one apply per boot, once the network is online and before cloud-init's final
/// stage (runcmd, user scripts), so what runs there already has symmetric routing. Checked with
/// <c>systemd-analyze verify</c> in CI.
/// </summary>
public static class SystemdUnit
{
    /// <summary>The [Install] target: the enablement link lives in its .wants directory.</summary>
    public const string WantedBy = "multi-user.target";

    /// <summary>
    /// Why each line is there:
    /// - After/Wants network-online.target: the NICs have their leases (configured interfaces are
    ///   waited for up to discovery.timeout on top of that).
    /// - Before cloud-final.service: runcmd and the per-boot/per-instance scripts see the routing;
    ///   cloud-final is itself After=multi-user.target, so there is no ordering cycle. Not before
    ///   cloud-config.service: that would hold up the earlier stages by up to discovery.timeout.
    /// - Type=notify: the agent says READY=1 once the kernel holds the plan, before verification and
    ///   persistence (ServiceManager in the command line). A target waits for every unit it wants and
    ///   cloud-final for this one's start, so as a oneshot the whole run, verification included, sat
    ///   on the boot's critical path (issue #16); Type=exec would let runcmd start before the routing
    ///   is in place. RemainAfterExit keeps it active after a good run, as before: `systemctl start`
    ///   does not run it twice in one boot. NotifyAccess=main: only the agent, never a child.
    /// - TimeoutStartSec bounds the time to READY=1: a run that waits for late leases (discovery.timeout,
    ///   60 s by default) and the lock (30 s); verification is bounded by its own timeouts. Restart=on-failure retries what a later try can fix (a lease
    ///   that came late, a busy lock, a gateway not answering yet), but never exit 2 (bad
    ///   configuration: a retry cannot fix it), and StartLimitBurst stops a loop.
    /// - JOURNAL_STREAM tells the agent its stderr is the journal, so its lines carry &lt;N&gt; priorities.
    /// - Documentation= names the man page only where it exists: the packages ship it (build.sh makes it
    ///   with help2man); a local <c>bootroute install</c> has none, and `systemctl help` would fail on it.
    /// </summary>
    public static string Render(string binary, bool manPage = true) => $"""
        [Unit]
        Description=BootRoute source-based policy routing for multihomed instances
        {Documentation(manPage)}
        Wants=network-online.target
        After=network-online.target
        Before=cloud-final.service
        StartLimitIntervalSec=10min
        StartLimitBurst=5

        [Service]
        Type=notify
        NotifyAccess=main
        RemainAfterExit=yes
        EnvironmentFile=-{Paths.Install.Environment}
        ExecStart={binary} apply $BOOTROUTE_ARGS
        TimeoutStartSec=180
        Restart=on-failure
        RestartSec=10
        RestartPreventExitStatus={ExitCodes.UsageOrConfiguration} {ExitCodes.InternalError}
        SyslogIdentifier=bootroute

        [Install]
        WantedBy={WantedBy}

        """;

    /// <summary>The [Unit] line naming the man page, where the install has one (every BootRoute unit).</summary>
    internal static string Documentation(bool manPage) =>
        manPage ? "Documentation=man:bootroute(8)" : "# No man page with a local install: bootroute --help";
}
