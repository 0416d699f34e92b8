namespace BootRoute.Verification;

/// <summary>One check of one NIC: "egress" (kernel route lookup) or "gateway" (ICMP echo).</summary>
public sealed record CheckResult(string Name, string Target, bool Passed, string Detail, double Milliseconds);

/// <summary>All checks of one NIC; it is verified when every check passed.</summary>
public sealed record InterfaceVerification(string Interface, IReadOnlyList<CheckResult> Checks)
{
    public bool Passed => Checks.All(check => check.Passed);
}
