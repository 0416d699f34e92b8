using BootRoute.Model;
using BootRoute.Native;
using BootRoute.Netlink;
using BootRoute.Planning;
using BootRoute.Sysctl;

namespace BootRoute.Apply;

/// <summary>
/// Sends operations to the kernel in order and stops at the first refusal, undoing what it had done
/// (inverse operations in reverse order), so a failed apply leaves the kernel as it found it.
/// </summary>
public sealed class Applier(INetlink netlink, IRouteCache routeCache, ISysctl? sysctl = null, IFaultInjector? faults = null)
{
    private readonly ISysctl _sysctl = sysctl ?? new UnavailableSysctl();

    public ApplyResult Apply(IReadOnlyList<Operation> operations)
    {
        var applied = new List<Operation>(operations.Count);
        foreach (var operation in operations)
        {
            var carried = operation;
            try
            {
                faults?.BeforeOperation(applied.Count + 1, operation);
                carried = faults?.Substitute(operation) ?? operation;
                Carry(carried);
            }
            catch (Exception refusal) when (IsKernelRefusal(refusal))
            {
                var rollbackErrors = Undo(applied);
                FlushCache(applied.Count > 0);
                return new ApplyResult([], operation, refusal.Message, rollbackErrors);
            }
            catch (Exception unexpected) when (unexpected is not OutOfMemoryException && applied.Count > 0)
            {
                // Not the kernel's answer but a fault here: the kernel must still not be left half
                // changed, so undo before the exception goes on to the command line's guard (exit 70).
                Undo(applied);
                throw;
            }
            applied.Add(carried);
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
                Carry(inverse);
            }
            catch (NetlinkException exists) when (exists.Errno == Errno.EEXIST && inverse is RouteAdd { Route.Protocol: RouteProtocols.RouterAdvertisement })
            {
                // The router's next advertisement already put its default back, with its own lifetime:
                // what the undo wanted is there (remove leaves it to the router the same way).
            }
            catch (Exception refusal) when (IsKernelRefusal(refusal))
            {
                errors.Add($"undo \"{inverse.ToIpCommand()}\": {refusal.Message}");
            }
        }
        FlushCache(applied.Count > 0);
        return errors;
    }

    /// <summary>Operations are plain data (Planning); this is the one place that turns each into its kernel call.</summary>
    private void Carry(Operation operation)
    {
        switch (operation)
        {
            case RouteAdd add:
                netlink.AddRoute(add.Route);
                break;
            case RouteReplace replace:
                netlink.ReplaceRoute(replace.Route);
                break;
            case RouteDelete delete:
                netlink.DeleteRoute(delete.Route);
                break;
            case RuleAdd add:
                netlink.AddRule(add.Rule);
                break;
            case RuleDelete delete:
                netlink.DeleteRule(delete.Rule);
                break;
            case SysctlSet set:
                _sysctl.Write(set.Key, set.Value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation.Kind, "an operation the applier does not know");
        }
    }

    // Netlink refusals, and sysctl writes the kernel rejects (EINVAL, EPERM surface as these).
    private static bool IsKernelRefusal(Exception error) => error is NetlinkException or IOException or UnauthorizedAccessException;

    // The iproute2 documentation says rule changes do not flush the route cache by themselves; recent
    // kernels do, but flushing twice costs nothing (the seeds' advice).
    private void FlushCache(bool changed)
    {
        if (changed)
        {
            routeCache.Flush();
        }
    }

    private sealed class UnavailableSysctl : ISysctl
    {
        public string? Read(string key) => null;

        public void Write(string key, string value) => throw new IOException($"sysctl {key}: no sysctl access was given to this run");
    }
}
