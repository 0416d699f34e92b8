using BootRoute.Apply;
using BootRoute.Discovery;
using BootRoute.Naming;
using BootRoute.Netlink;
using BootRoute.Persistence;
using BootRoute.Reporting;
using BootRoute.State;
using BootRoute.Sysctl;
using BootRoute.Verification;

namespace BootRoute.Stages;

/// <summary>
/// The parts of the system a run touches; everything else in a run is plain data.
/// <see cref="ReadLastRun"/>: status.json's last run, for status's exit code. <see cref="Ready"/>: told
/// once the kernel holds what apply planned, before verification (bootroute.service's READY=1).
/// </summary>
public sealed record AgentServices(
    INetlink Netlink,
    IRouteCache RouteCache,
    IReadOnlyList<ILeaseSource> LeaseSources,
    IProber Prober,
    ISysctl? Sysctl = null,
    IStateStore? State = null,
    IFaultInjector? Faults = null,
    RouteNameFiles? Names = null,
    TimeProvider? Time = null,
    Action<string>? Progress = null,
    Persister? Persister = null,
    Func<LastRun?>? ReadLastRun = null,
    Action? Ready = null)
{
    public Discoverer Discoverer() => new(Netlink, LeaseSources, Sysctl, Time ?? TimeProvider.System, Progress ?? (_ => { }));

    public Applier Applier() => new(Netlink, RouteCache, Sysctl, Faults);
}
