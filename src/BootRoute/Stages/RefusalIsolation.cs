using BootRoute.Planning;

namespace BootRoute.Stages;

/// <summary>
/// One NIC's refusal by the kernel must not cost the others their routing (a rogue DHCP server's
/// route the kernel rejects, a sysctl a driver refuses). The applier has already put the kernel back
/// as it was; when the refused operation was for one secondary NIC, the run plans again with that NIC
/// held and applies once more. A refusal of the primary's or of a shared operation, or an incomplete
/// rollback, ends the run as before: the primary's path is never cut for the others' sake.
/// </summary>
public static class RefusalIsolation
{
    /// <param name="refused">The NICs already held for a refusal earlier in this run.</param>
    /// <returns>The NIC to hold in the next attempt, or null when the failure is the run's.</returns>
    public static HeldInterface? Hold(Applied applied, IReadOnlyList<HeldInterface> refused)
    {
        var result = applied.Result;
        if (result.Succeeded || result.RollbackErrors.Count > 0)
        {
            return null;
        }
        var operation = result.FailedOperation!;
        if (OperationOwner.Of(applied.Planned.Plan, operation) is not { IsPrimary: false } owner
            || refused.Any(nic => nic.Name == owner.Name))
        {
            return null;
        }
        return new HeldInterface(owner.Name,
            $"{owner.Name}: the kernel refused \"{operation.ToIpCommand()}\": {result.Error}; the apply was rolled back and {owner.Name} is left as it was",
            owner.Table, owner.Priority) { RefusedByKernel = true, Slot = owner.Slot };
    }
}
