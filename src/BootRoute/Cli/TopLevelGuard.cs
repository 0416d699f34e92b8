using BootRoute.Reporting;

namespace BootRoute.Cli;

/// <summary>
/// No exception reaches the runtime: its handler prints a stack trace and exits with a code the
/// unit's <c>Restart=on-failure</c> and scripts would read as a failed check. An exception that no
/// stage turned into a report is one line, <c>bootroute: internal error: …</c>, and exit 70
/// (<see cref="ExitCodes.InternalError"/>). One that comes after apply changed the kernel never gets
/// here: the pipeline undoes the apply and reports it (<see cref="Stages.Pipeline"/>), and one during a
/// run's pipeline is reported with status.json by <see cref="AgentHost"/>.
/// </summary>
internal static class TopLevelGuard
{
    public static int Run(Func<int> run, TextWriter error)
    {
        try
        {
            return run();
        }
        catch (Exception unexpected) when (unexpected is not OutOfMemoryException)
        {
            try
            {
                error.WriteLine($"bootroute: internal error: {InternalErrors.Describe(unexpected)}");
            }
            catch (IOException)
            {
                // stderr closed: the exit code still tells.
            }
            return ExitCodes.InternalError;
        }
    }
}
