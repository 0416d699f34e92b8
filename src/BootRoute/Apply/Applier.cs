using BootRoute.Netlink;

namespace BootRoute.Apply;

/// <summary>
/// Sends operations to the kernel in order and stops at the first refusal, undoing what it had done
/// (inverse operations in reverse order), so a failed apply leaves the kernel as it found it.
/// </summary>
public sealed class Applier(INetlink netlink, IRouteCache routeCache)
{
    public ApplyResult Apply(IReadOnlyList<Operation> operations)
    {
        var applied = new List<Operation>(operations.Count);
        foreach (var operation in operations)
        {
            try
            {
                operation.ApplyTo(netlink);
            }
            catch (NetlinkException refusal)
            {
                var rollbackErrors = Undo(applied);
                FlushCache(applied.Count > 0);
                return new ApplyResult([], operation, refusal.Message, rollbackErrors);
            }
            applied.Add(operation);
        }
        FlushCache(applied.Count > 0);
        return new ApplyResult(applied, null, null, []);
    }

    /// <summary>Undoes applied operations, last first. Keeps going past a refusal so as much as possible is restored.</summary>
    public IReadOnlyList<string> Undo(IReadOnlyList<Operation> applied)
    {
        var errors = new List<string>();
        for (int index = applied.Count - 1; index >= 0; index--)
        {
            var inverse = applied[index].Inverse();
            try
            {
                inverse.ApplyTo(netlink);
            }
            catch (NetlinkException refusal)
            {
                errors.Add($"undo \"{inverse.ToIpCommand()}\": {refusal.Message}");
            }
        }
        FlushCache(applied.Count > 0);
        return errors;
    }

    // The iproute2 documentation says rule changes do not flush the route cache by themselves; recent
    // kernels do, but flushing twice costs nothing (the seeds' advice).
    private void FlushCache(bool changed)
    {
        if (changed)
        {
            routeCache.Flush();
        }
    }
}
