using System.Globalization;
using BootRoute.Model;
using BootRoute.Reporting;

namespace BootRoute.Cli;

/// <summary>
/// A report's per-NIC lines as journal entries with fields a log pipeline filters on: INTERFACE (the
/// field systemd's own network daemons use), BOOTROUTE_CHECK, BOOTROUTE_CHECK_TARGET, BOOTROUTE_CHECK_OK
/// and BOOTROUTE_COMMAND; a failed check or a held NIC at LOG_ERR, a passed check at LOG_INFO. Values
/// come from outside (interface names, echo answers), so they are escaped like every printed line.
/// </summary>
internal static class ReportJournal
{
    /// <summary>LOG_INFO: a check that passed.</summary>
    public const int Info = 6;

    public static IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> EntriesOf(Report report)
    {
        foreach (var nic in report.ChecksByInterface())
        {
            foreach (var check in nic.Checks)
            {
                yield return Entry(report, nic.Name, check.Passed ? Info : JournalStream.Error,
                    $"{nic.Name} {check.Name} {(check.Passed ? "ok" : "FAIL")}: {check.Detail}",
                    [new("BOOTROUTE_CHECK", check.Name), new("BOOTROUTE_CHECK_TARGET", check.Target), new("BOOTROUTE_CHECK_OK", check.Passed ? "1" : "0")]);
            }
        }
        foreach (var held in report.Held)
        {
            yield return Entry(report, held.Name, JournalStream.Error, $"{held.Name}: not managed: {held.Reason}", []);
        }
    }

    private static List<KeyValuePair<string, string>> Entry(Report report, string nic, int priority, string message, IEnumerable<KeyValuePair<string, string>> more) =>
    [
        new("MESSAGE", PrintableText.Escape("bootroute: " + message)),
        new("PRIORITY", priority.ToString(CultureInfo.InvariantCulture)),
        new("SYSLOG_IDENTIFIER", "bootroute"),
        new("INTERFACE", PrintableText.Escape(nic)),
        new("BOOTROUTE_COMMAND", report.Command),
        .. more.Select(field => new KeyValuePair<string, string>(field.Key, PrintableText.Escape(field.Value))),
    ];
}
