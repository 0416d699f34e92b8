using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// The benchmark harness (bench/run.sh) in CI's smoke mode: 2 NICs, 3 rounds, results in a temporary
/// directory. Timings never fail a test; what must hold is that the harness runs end to end against
/// the real agent, writes its table and chart, leaves nothing behind and never writes into the
/// repository.
/// </summary>
public sealed partial class BenchmarkSmokeTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan HarnessTimeout = TimeSpan.FromMinutes(5);

    private readonly string _out = Directory.CreateTempSubdirectory("bootroute-bench-smoke-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static string Harness()
    {
        var root = RepoPaths.FindRepoRoot();
        Assert.True(root is not null, $"no BootRoute.sln above {AppContext.BaseDirectory}");
        var script = Path.Combine(root!, "bench", "run.sh");
        Assert.True(File.Exists(script), $"{script} is missing");
        return script;
    }

    [Fact]
    public void SmokeRun_WritesTheTableAndChart_AndLeavesNothingBehind()
    {
        var bin = RepoPaths.AgentBinary();
        Assert.True(Environment.IsPrivilegedProcess, "the benchmark harness needs root (network namespaces)");
        var committed = Path.Combine(RepoPaths.FindRepoRoot()!, "docs", "benchmarks.md");
        var committedHash = File.Exists(committed) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(committed))) : null;

        var run = ProcessRunner.Run("bash", [Harness(), "--smoke", "--bin", bin, "--out", _out], HarnessTimeout);
        output.WriteLine(run.ToString());

        Assert.True(run.Succeeded, $"bench/run.sh --smoke failed:\n{run}");
        var markdown = File.ReadAllText(Path.Combine(_out, "benchmarks.md"));
        Assert.Contains("**Smoke run**", markdown, StringComparison.Ordinal);

        // The converge row for the lab: A, B and C each "median [min–max]", and the two ratios.
        var row = ConvergeRow().Match(markdown);
        Assert.True(row.Success, $"no converge row for 2 NICs in:\n{markdown}");
        for (int command = 0; command < 3; command++)
        {
            double median = Number(row.Groups["median"].Captures[command].Value);
            double min = Number(row.Groups["min"].Captures[command].Value);
            double max = Number(row.Groups["max"].Captures[command].Value);
            Assert.True(min > 0 && min <= median && median <= max, $"implausible timing {min} ≤ {median} ≤ {max} in: {row.Value}");
        }
        Assert.Matches(@"\| 2 \| 2 \| \d+(\.\d)? \[[\d.]+–[\d.]+\] \| \d+(\.\d)? \[", markdown); // no-op, verified, plan
        // Three rounds give no 95% interval: the timed targets must say so rather than judge.
        Assert.Matches(@"\| converge at 2 NICs ≤ 0\.5× the script \| [\d.]+× \| none, 3 rounds \| \*\*too few rounds\*\* \|", markdown);
        foreach (var target in new[] { "converge at 2 NICs ≤ 0.5× the script", "no-op re-run ≤ 15 ms", "peak RSS ≤ 30 MiB", "binary ≤ 15 MB" })
        {
            Assert.Matches($@"\| {Regex.Escape(target)}[^|]* \| [^|]+ \| [^|]+ \| \*\*(met|not met|within noise|too few rounds)\*\* \|", markdown);
        }

        var png = File.ReadAllBytes(Path.Combine(_out, "benchmarks.png"));
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(png.Length > 1024 && png.AsSpan(0, 8).SequenceEqual(signature), $"benchmarks.png is not a PNG ({png.Length} bytes)");

        // Nothing left: the harness's namespaces (it names their prefixes) and its work directory.
        var prefixes = NamespacePrefixes().Match(run.Stderr);
        Assert.True(prefixes.Success, $"the harness did not name its namespaces:\n{run.Stderr}");
        var left = ProcessRunner.Run("ip", ["netns", "list"], TimeSpan.FromSeconds(10)).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[0])
            .Where(name => name.StartsWith(prefixes.Groups[1].Value, StringComparison.Ordinal)
                           || name.StartsWith(prefixes.Groups[2].Value, StringComparison.Ordinal))
            .ToList();
        Assert.True(left.Count == 0, $"namespaces left behind: {string.Join(' ', left)}");
        var work = WorkDirectory().Match(run.Stderr);
        Assert.True(work.Success && !Directory.Exists(work.Groups[1].Value), $"work directory left behind:\n{run.Stderr}");

        // A smoke run writes only where it is told.
        var hashAfter = File.Exists(committed) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(committed))) : null;
        Assert.Equal(committedHash, hashAfter);
    }

    [Theory]
    [InlineData(new[] { "--smoke" }, "--smoke needs --out DIR")]
    [InlineData(new[] { "--runs", "2", "--out", "/tmp/x" }, "--runs must be a number from 3 to 1000")]
    [InlineData(new[] { "--sizes", "2 big", "--out", "/tmp/x" }, "--sizes: 'big' is not N or NsK")]
    [InlineData(new[] { "--frobnicate" }, "unknown argument '--frobnicate'")]
    public void BadArguments_ExitTwoWithOneLineNamingTheProblem(string[] args, string expected)
    {
        var run = ProcessRunner.Run("bash", [Harness(), .. args], TimeSpan.FromSeconds(30));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("bench/run.sh: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\| 2 \| 2 \| 7 \| dnsmasq → dhclient \(real\)(?: \| (?<median>[\d.]+) \[(?<min>[\d.]+)–(?<max>[\d.]+)\]){3} \| [\d.]+× \| [\d.]+× \|", RegexOptions.Multiline)]
    private static partial Regex ConvergeRow();

    [GeneratedRegex(@"namespace prefixes: (bb[0-9a-f]+) (brb[0-9a-f]+)")]
    private static partial Regex NamespacePrefixes();

    [GeneratedRegex(@"work directory (/tmp/bootroute-bench\.\w+)")]
    private static partial Regex WorkDirectory();
}
