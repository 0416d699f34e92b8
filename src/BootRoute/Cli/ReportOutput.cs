using System.Text;
using System.Text.Json;
using BootRoute.Reporting;

namespace BootRoute.Cli;

/// <summary>A report on stdout (text, or <c>--json</c>), and its problems on stderr, where the journal and log searches find them.</summary>
internal static class ReportOutput
{
    public static void Write(Report report, bool json)
    {
        if (json)
        {
            Console.Out.Write(JsonSerializer.Serialize(report, ReportJsonContext.Output.Report));
            Console.Out.WriteLine();
        }
        else
        {
            // Buffered and written once: a report of hundreds of operations is not built as one string.
            var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 16 * 1024);
            HumanReport.Write(stdout, report);
            stdout.Flush();
        }
        if (report.Problems is { Count: > 0 } problems)
        {
            // One line per interface and what it lacks, so a log search for the NIC finds it.
            foreach (var problem in problems)
            {
                Stderr.Line($"{problem}");
            }
        }
        else if (report.ExitCode != ExitCodes.Success)
        {
            Stderr.Line($"{report.Summary}");
        }
        if (JournalStream.IsJournal)
        {
            // The same text went to the journal through stdout and stderr; these add the fields.
            NativeJournal.Send(ReportJournal.EntriesOf(report));
        }
    }
}
