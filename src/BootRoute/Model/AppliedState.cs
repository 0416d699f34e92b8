
namespace BootRoute.Model;

/// <summary>
/// What apply changed that is not tagged as BootRoute's own, so that <c>bootroute remove</c> can put it
/// back: the main-table default routes of secondary NICs it removed (DEFROUTE=no), and the original
/// values of the sysctls it set. Routes and rules tagged proto 200 need no record: they are found in
/// the kernel.
/// </summary>
public sealed record AppliedState(IReadOnlyList<Route> RemovedMainDefaults, IReadOnlyList<SysctlOriginal> Sysctls)
{
    public static AppliedState Empty { get; } = new([], []);

    public bool IsEmpty => RemovedMainDefaults.Count == 0 && Sysctls.Count == 0;

    /// <summary>
    /// This state plus what a new apply is about to change. A sysctl keeps its first recorded original:
    /// a second apply must not record BootRoute's own value as the one to restore.
    /// </summary>
    public AppliedState Including(IEnumerable<Route> removedDefaults, IEnumerable<SysctlOriginal> sysctls) => new(
        RemovedMainDefaults.Concat(removedDefaults).Distinct().ToList(),
        Sysctls.Concat(sysctls.Where(change => Sysctls.All(known => known.Key != change.Key))).ToList());
}

/// <summary>A sysctl BootRoute changed, and the value it had before.</summary>
public sealed record SysctlOriginal(string Key, string Original);
