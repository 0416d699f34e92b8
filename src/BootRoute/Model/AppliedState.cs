
namespace BootRoute.Model;

/// <summary>
/// What apply changed that is not tagged as BootRoute's own, so that <c>bootroute remove</c> can put it
/// back: the main-table default routes of secondary NICs it removed (DEFROUTE=no), the original
/// values of the sysctls it set, and the hand-made routes and rules it adopted (replaced by its own
/// identical, tagged copies). Routes and rules tagged proto 200 need no record: they are found in
/// the kernel.
/// </summary>
public sealed record AppliedState(IReadOnlyList<Route> RemovedMainDefaults, IReadOnlyList<SysctlOriginal> Sysctls)
{
    public static AppliedState Empty { get; } = new([], []);

    /// <summary>Hand-made routes in BootRoute's tables that its own copies replaced.</summary>
    public IReadOnlyList<Route> AdoptedRoutes { get; init; } = [];

    /// <summary>Hand-made rules that its own copies replaced.</summary>
    public IReadOnlyList<PolicyRule> AdoptedRules { get; init; } = [];

    /// <summary>
    /// The slot each NIC had in the last apply (automatic mode keeps it across reboots). Not something
    /// to restore: <see cref="IsEmpty"/> does not count it.
    /// </summary>
    public IReadOnlyList<InterfaceSlot> Slots { get; init; } = [];

    public bool IsEmpty => RemovedMainDefaults.Count == 0 && Sysctls.Count == 0 && AdoptedRoutes.Count == 0 && AdoptedRules.Count == 0;

    /// <summary>
    /// This state plus what a new apply is about to change. A sysctl keeps its first recorded original:
    /// a second apply must not record BootRoute's own value as the one to restore.
    /// </summary>
    public AppliedState Including(IEnumerable<Route> removedDefaults, IEnumerable<SysctlOriginal> sysctls) => this with
    {
        RemovedMainDefaults = RemovedMainDefaults.Concat(removedDefaults).Distinct().ToList(),
        Sysctls = Sysctls.Concat(sysctls.Where(change => Sysctls.All(known => known.Key != change.Key))).ToList(),
    };

    /// <summary>
    /// This state plus hand-made objects a new apply is about to adopt. A route keeps the first one
    /// recorded under its kernel key: that is the one the operator made.
    /// </summary>
    public AppliedState Adopting(IEnumerable<Route> routes, IEnumerable<PolicyRule> rules) => this with
    {
        AdoptedRoutes = AdoptedRoutes.Concat(routes.Where(route => AdoptedRoutes.All(known => known.Key != route.Key))).Distinct().ToList(),
        AdoptedRules = AdoptedRules.Concat(rules).Distinct().ToList(),
    };
}

/// <summary>A sysctl BootRoute changed, and the value it had before.</summary>
public sealed record SysctlOriginal(string Key, string Original);
