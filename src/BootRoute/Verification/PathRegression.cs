namespace BootRoute.Verification;

/// <summary>
/// The rollback rule: an apply cut the operator off when a probe of the primary NIC's path that
/// passed before it fails after it. A probe that already failed before (a gateway that drops ICMP, a
/// target that is down) says nothing about the apply, so it never triggers a rollback.
/// </summary>
public static class PathRegression
{
    public static IReadOnlyList<string> Find(IReadOnlyList<PathCheck> before, IReadOnlyList<PathCheck> after)
    {
        var passedBefore = before.Where(check => check.Passed).Select(check => check.Key).ToHashSet(StringComparer.Ordinal);
        return after
            .Where(check => !check.Passed && passedBefore.Contains(check.Key))
            .Select(check => $"{check.Key}: {check.Detail}")
            .ToList();
    }
}
