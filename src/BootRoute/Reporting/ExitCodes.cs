namespace BootRoute.Reporting;

/// <summary>The agent's documented exit codes (bootroute --help, docs/operations.md).</summary>
public static class ExitCodes
{
    /// <summary>Done, and every check passed (or nothing needed doing).</summary>
    public const int Success = 0;

    /// <summary>Applied, but a verification check failed.</summary>
    public const int VerificationFailed = 1;

    /// <summary>Bad command line or configuration; nothing was changed.</summary>
    public const int UsageOrConfiguration = 2;

    /// <summary>Nothing to manage, or discovery failed (no lease, no address); nothing was changed.</summary>
    public const int NothingToManage = 3;

    /// <summary>
    /// The kernel refused a change and what was already applied was rolled back, or a foreign rule or
    /// route holds a priority or table BootRoute needs (nothing was changed).
    /// </summary>
    public const int ApplyFailed = 4;

    /// <summary>Another run held the lock for longer than state.lock_timeout; nothing was changed.</summary>
    public const int Busy = 5;

    /// <summary>
    /// <c>status</c> only: the kernel has drifted from the plan (an apply would change something).
    /// Not 1, which status gives when the last run's checks failed.
    /// </summary>
    public const int Drifted = 6;

    /// <summary>
    /// An internal error (EX_SOFTWARE): an exception no stage expected. If the run had changed the
    /// kernel, what it applied was undone first and the report says so. Not 1, which a unit's
    /// Restart= would take for a failed check.
    /// </summary>
    public const int InternalError = 70;
}
