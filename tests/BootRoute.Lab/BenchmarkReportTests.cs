using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// bench/report.sh on crafted raw results: its verdicts must follow from the figures and the run's
/// spread (a target is met only when the whole 95% interval is within it), its before/after table must
/// call a change only beyond the noise, and the hand-written notes it appends must quote no figures
/// (every figure in the page comes from the harness). Needs bash, awk and gnuplot; not root.
/// </summary>
public sealed partial class BenchmarkReportTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 20;

    private readonly string _dir = Directory.CreateTempSubdirectory("bootroute-bench-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(0.40, 0.46, "met")]         // every round below 0.5×
    [InlineData(0.44, 0.56, "within noise")] // the rounds straddle 0.5×: the median alone would say met or not
    [InlineData(0.52, 0.60, "not met")]     // every round above
    public void ConvergeTarget_IsJudgedOnTheIntervalOfThePerRoundRatios(double lowest, double highest, string verdict)
    {
        var results = new StringBuilder();
        for (int round = 0; round < Rounds; round++)
        {
            double ratio = lowest + (highest - lowest) * round / (Rounds - 1);
            double script = 30 + round % 3; // B varies too; A follows it round by round
            Line(results, "2", "converge", "A", script * ratio, round);
            Line(results, "2", "converge", "B", script, round);
            Line(results, "2", "converge", "C", 4.3, round);
        }

        string markdown = Report(results, compare: false);

        Assert.Matches($@"\| converge at 2 NICs ≤ 0\.5× the script \| [\d.]+× \| [\d.]+×–[\d.]+×, {Rounds} rounds \| \*\*{verdict}\*\* \|", markdown);
        Assert.Contains($"- converge at 2 NICs: ", markdown, StringComparison.Ordinal);
        Assert.Matches($@"against a target of ≤ 0\.5× the script: \*\*{verdict}\*\*\.", markdown);
    }

    [Fact]
    public void BeforeAndAfter_CallsAChangeOnlyBeyondTheNoise()
    {
        var results = new StringBuilder();
        for (int round = 0; round < Rounds; round++)
        {
            double noise = (round % 5 - 2) * 0.3;
            Line(results, "2", "converge", "A", 15 + noise, round);
            Line(results, "2", "converge", "A0", 15 - noise, round);    // same on average: no difference
            Line(results, "2", "converge", "B", 31, round);
            Line(results, "2", "converge", "C", 4.3, round);
            Line(results, "2", "plan", "A", 13 + noise, round);
            Line(results, "2", "plan", "A0", 11 + noise, round);        // A clearly slower
            Line(results, "2", "noop", "A", 12 + noise, round);
            Line(results, "2", "noop", "A0", 15 + noise, round);        // A clearly faster
        }

        string markdown = Report(results, compare: true);
        output.WriteLine(markdown);

        Assert.Contains("## Before and after", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| 2 \| 2 \| converge \(clean state\) \| [^|]+ \| [^|]+ \| [\d.]+× \| [^|]+ \| \*\*no difference beyond noise\*\* \|", markdown);
        Assert.Matches(@"\| 2 \| 2 \| plan \| [^|]+ \| [^|]+ \| 1\.1\d× \| [^|]+ \| \*\*slower\*\* \|", markdown);
        Assert.Matches(@"\| 2 \| 2 \| no-op re-run \| [^|]+ \| [^|]+ \| 0\.\d+× \| [^|]+ \| \*\*faster\*\* \|", markdown);
        Assert.Contains("of 3 timed comparisons, A is slower beyond the noise in 1, faster in 1", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void HandWrittenNotes_QuoteNoFigures()
    {
        string analysis = File.ReadAllText(Path.Combine(RepoPaths.FindRepoRoot()!, "bench", "analysis.md"));

        var figures = Figure().Matches(analysis).Select(m => m.Value).ToList();

        Assert.True(figures.Count == 0, $"bench/analysis.md quotes figures no script produces: {string.Join(", ", figures)}");
    }

    private static void Line(StringBuilder results, string config, string measurement, string command, double ms, int round) =>
        results.Append(CultureInfo.InvariantCulture, $"{config}\t{measurement}\t{command}\t{ms:F3}\t{ms:F3}\t{round}\n");

    /// <summary>Runs report.sh on RESULTS and facts for one 2-NIC configuration; returns the page.</summary>
    private string Report(StringBuilder results, bool compare)
    {
        string resultsPath = Path.Combine(_dir, "results.tsv");
        File.WriteAllText(resultsPath, results.ToString());
        var facts = new StringBuilder();
        foreach (var (config, key, value) in new[]
        {
            ("all", "sizes", "2"), ("all", "runs", Rounds.ToString(CultureInfo.InvariantCulture)), ("all", "smoke", "0"),
            ("all", "version", "bootroute 0.1.0 (commit after)"), ("all", "binary_bytes", "9266712"), ("all", "harness", "test"),
            ("2", "nics", "2"), ("2", "secondaries", "0"), ("2", "addresses", "2"), ("2", "operations", "7"),
            ("2", "leases", "crafted"), ("2", "rss_converge", "10000"),
        })
        {
            facts.Append(CultureInfo.InvariantCulture, $"{config}\t{key}\t{value}\n");
        }
        if (compare)
        {
            facts.Append("all\tversion_A0\tbootroute 0.1.0 (commit before)\nall\tbinary_bytes_A0\t9266000\n2\trss_converge_A0\t10100\n");
        }
        string factsPath = Path.Combine(_dir, "facts.tsv");
        File.WriteAllText(factsPath, facts.ToString());
        string outDir = Path.Combine(_dir, "out");
        string script = Path.Combine(RepoPaths.FindRepoRoot()!, "bench", "report.sh");

        var run = ProcessRunner.Run("bash", [script, resultsPath, factsPath, outDir, Path.Combine(_dir, "no-analysis.md")], TimeSpan.FromSeconds(60));

        Assert.True(run.Succeeded, run.ToString());
        return File.ReadAllText(Path.Combine(outDir, "benchmarks.md"));
    }

    // A number with a unit of time, size, ratio or share: "13 ms", "2.02×", "9%", "1.8 MiB", "450 page faults".
    [GeneratedRegex(@"\d+(\.\d+)?\s*(ms|µs|×|%|MiB|KiB|MB|kB|page faults)")]
    private static partial Regex Figure();
}
