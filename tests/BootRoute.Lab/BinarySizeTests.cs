using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace BootRoute.Lab;

/// <summary>
/// The shipped binaries (build/build.sh: OUT/bootroute for x64, OUT/arm64/bootroute) stay within the
/// 15 MB budget, and the sizes the docs state are the real ones, within half a megabyte.
/// </summary>
public sealed partial class BinarySizeTests
{
    private const long Budget = 15_000_000;
    private const double Tolerance = 0.5;

    private static string Repo => RepoPaths.FindRepoRoot() ?? throw new InvalidOperationException("no repository root above the test assembly");

    public static TheoryData<string> Architectures => new() { "x64", "arm64" };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void ShippedBinary_StaysWithin15MB_AndTheDocsStateItsSize(string architecture)
    {
        string shipped = RepoPaths.ReleaseBinary();
        string binary = architecture == "x64" ? shipped : Path.Combine(Path.GetDirectoryName(shipped)!, "arm64", "bootroute");
        Assert.True(File.Exists(binary), $"{binary} is missing: build/build.sh builds both architectures");
        long size = new FileInfo(binary).Length;
        Assert.True(size <= Budget, $"{binary} is {size} bytes, over the {Budget}-byte budget");

        var stated = Stated().Match(File.ReadAllText(Path.Combine(Repo, "docs/operations.md")));
        Assert.True(stated.Success, "docs/operations.md no longer states the binary's size as 'about N.N MB (x64) and N.N MB (arm64)'");
        AssertClose(size, stated.Groups[architecture].Value, "docs/operations.md");
        if (architecture == "x64")
        {
            var cloudInit = Regex.Match(File.ReadAllText(Path.Combine(Repo, "cloud-init/README.md")), @"binary is too large for user-data \(about (?<mb>\d+(\.\d)?) MB");
            Assert.True(cloudInit.Success, "cloud-init/README.md no longer states the binary's size");
            AssertClose(size, cloudInit.Groups["mb"].Value, "cloud-init/README.md");
        }
    }

    private static void AssertClose(long size, string statedMegabytes, string where)
    {
        double actual = size / 1e6, stated = double.Parse(statedMegabytes, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(actual - stated) <= Tolerance, $"{where} says about {stated} MB; the binary is {actual:0.0} MB");
    }

    [GeneratedRegex(@"about (?<x64>\d+\.\d) MB \(x64\) and (?<arm64>\d+\.\d) MB \(arm64\)")]
    private static partial Regex Stated();
}
