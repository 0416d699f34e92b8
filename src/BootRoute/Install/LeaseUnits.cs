namespace BootRoute.Install;

/// <summary>
/// bootroute-lease.path and the bootroute-lease.service it starts: a re-apply whenever NetworkManager
/// rewrites a device state file (<see cref="Paths.Leases.NetworkManagerDeviceDirectory"/>), which it
/// does for every lease it accepts, the first, each renewal and a renumbered one alike. Its dispatcher
/// does not: from 1.36.0 (commit e1648d0665) to 1.40.18 and 1.42.4 it runs dhcp4-change/dhcp6-change
/// only for a NIC's first lease (nm-device.c, _dev_ipdhcpx_notify), so the dispatcher hook never hears
/// of a renewal or a new address (upstream fix cab80c5129, rhbz#2179537: 1.42.6 and 1.44.0). Debian
/// 12, Ubuntu 22.04 and RHEL 9.2 ship such versions. Where the dispatcher does run, both re-apply;
/// the agent's lock serialises the runs and the second finds nothing to do.
/// Why a unit pair and not bootroute.service: that one is RemainAfterExit=yes, so starting it again
/// does nothing; a path unit starts the service of its own name.
/// </summary>
public static class LeaseUnits
{
    /// <summary>
    /// Why each line is there:
    /// - After=bootroute.service and WantedBy=multi-user.target: the watch starts once the boot's apply
    ///   is ready (its READY=1: the kernel holds its plan), so NetworkManager's writes during boot (every
    ///   NIC's first lease) start no run that would race it; that apply already saw them. A lease while
    ///   it still verifies starts a run that waits for its lock.
    /// - DefaultDependencies=no: the default Before=paths.target would close an ordering cycle
    ///   (paths.target, basic.target, bootroute.service, this); sysinit and shutdown are named instead.
    /// - ConditionPathIsDirectory on NetworkManager's run directory: an image without NetworkManager
    ///   leaves the unit inactive instead of watching /run for a directory that never comes. Checked
    ///   when the unit starts, after bootroute.service, when a NetworkManager started at boot has made it.
    /// - PathChanged= on the directory: NetworkManager writes each file to a temporary name and renames
    ///   it over the old one, which the directory's watch sees; PathModified would only add noise.
    /// - No TriggerLimit*: systemd ≥ 250's default (200 per 2 s) is far above NetworkManager's writes,
    ///   and older systemd does not know the keys.
    /// </summary>
    public static string RenderPath(bool manPage = true) => $"""
        [Unit]
        Description=BootRoute re-apply when NetworkManager records a DHCP lease
        {SystemdUnit.Documentation(manPage)}
        DefaultDependencies=no
        After=sysinit.target {Paths.Install.UnitName}
        Conflicts=shutdown.target
        Before=shutdown.target
        ConditionPathIsDirectory={Paths.Stacks.NetworkManagerRunDirectory}

        [Path]
        PathChanged={Paths.Leases.NetworkManagerDeviceDirectory}
        Unit={Paths.Install.LeaseServiceName}

        [Install]
        WantedBy={SystemdUnit.WantedBy}

        """;

    /// <summary>
    /// Why each line is there:
    /// - A full apply, not <c>--interface</c>: the device files are named by ifindex and a change does not
    ///   say which NIC; the whole host is re-planned anyway, and a converged host costs one read.
    ///   NetworkManager writes a file only once it accepted the lease (its address is on the NIC).
    /// - /etc/default/bootroute as the hooks read it: BOOTROUTE_ARGS for every run, and BOOTROUTE_HOOKS
    ///   other than yes (unset is yes) turns this re-apply off with them. A shell tests it, not
    ///   ExecCondition=, which systemd before 243 (RHEL 8) ignores; $$ is a literal $ for the shell. The
    ///   line it logs then does not repeat the value: a file's text never reaches the journal raw.
    /// - The shell runs the apply again (up to 3 times) while the device files changed during a run:
    ///   systemd merges a start requested while the service is starting into that start, so a lease
    ///   NetworkManager wrote after the run had read the NICs (a second NIC renumbered a moment
    ///   later) would otherwise wait for its next renewal.
    /// - StartLimit: a burst of writes (NetworkManager restarting, many NICs) merges into a running
    ///   start, but systemd's default of 5 starts in 10 s could still be reached, and a start limit hit
    ///   stops the path unit for good; 30 a minute allows any real burst and still ends a loop.
    /// - TimeoutStartSec bounds a run waiting for configured NICs' leases (discovery.timeout) and the
    ///   lock (30 s); no Restart: the next lease event starts it again.
    /// - SyslogIdentifier=bootroute: its report reads as bootroute.service's and the hooks' do.
    /// </summary>
    public static string RenderService(string binary, bool manPage = true) => $$"""
        [Unit]
        Description=BootRoute re-apply after NetworkManager recorded a DHCP lease
        {{SystemdUnit.Documentation(manPage)}}
        After={{Paths.Install.UnitName}}
        StartLimitIntervalSec=1min
        StartLimitBurst=30

        [Service]
        Type=oneshot
        EnvironmentFile=-{{Paths.Install.Environment}}
        ExecStart=/bin/sh -c 'if [ "$${BOOTROUTE_HOOKS-yes}" != yes ]; then echo "BOOTROUTE_HOOKS is not yes in {{Paths.Install.Environment}}: not re-applying"; exit 0; fi; for run in 1 2 3; do seen=$$(cat {{Devices}}/* 2>/dev/null | cksum); "$$0" apply "$$@" || exit; [ "$$(cat {{Devices}}/* 2>/dev/null | cksum)" != "$$seen" ] || exit 0; echo "NetworkManager wrote a device file during the run: applying again"; done' {{binary}} $BOOTROUTE_ARGS
        TimeoutStartSec=180
        SyslogIdentifier=bootroute

        """;

    private const string Devices = Paths.Leases.NetworkManagerDeviceDirectory;
}
