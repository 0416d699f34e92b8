using System.CommandLine;
using BootRoute.Reporting;

namespace BootRoute.Cli.Commands;

/// <summary>
/// <c>bootroute paths --owned</c>: every path on a host that BootRoute may create or change
/// (<see cref="Paths.HostOwned"/>), one per line, so a packager, an auditor or a test script reads
/// the list from the binary instead of copying it. A line is a path or a shell pattern (<c>*</c>);
/// a file BootRoute only writes a marked block into ends in <c> marked-block</c>.
/// </summary>
internal static class PathsCommand
{
    /// <summary>The word after a path whose file is the image's, with BootRoute's lines between markers.</summary>
    public const string MarkedBlockSuffix = " marked-block";

    public static Command Create()
    {
        var owned = new Option<bool>("--owned")
        {
            Description = "Every path BootRoute may create or change on a host (' marked-block': only lines between markers in the image's file)",
        };
        var command = new Command("paths", "List the files BootRoute writes; reads and changes nothing") { owned };
        command.SetAction(result =>
        {
            if (!result.GetValue(owned))
            {
                Stderr.Line("paths: say which list: --owned");
                return ExitCodes.UsageOrConfiguration;
            }
            foreach (var line in OwnedLines())
            {
                Console.Out.WriteLine(line);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static IEnumerable<string> OwnedLines() =>
        Paths.HostOwned.Select(path => path.Kind == Paths.OwnedKind.MarkedBlock ? path.Pattern + MarkedBlockSuffix : path.Pattern);
}
