using BootRoute.Reporting;
using BootRoute.Tests.Persistence;
using Xunit;

namespace BootRoute.Tests.Escaping;

/// <summary>Issue 17: --json and status.json write an apostrophe as itself, and still escape what JSON must.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReportJsonEscapingTests
{
    [Fact]
    public void Apostrophes_and_letters_stay_as_written_and_control_characters_are_escaped()
    {
        using var scratch = new ScratchRoot();
        var report = new Report("apply", 1, "the apply cut ens3's path (café) \"quoted\" back\\slash\u001b[2J\nnext");

        StatusFile.Write(scratch.Path, report);

        string json = File.ReadAllText(StatusFile.PathIn(scratch.Path));
        Assert.Contains("\"summary\": \"the apply cut ens3's path (café) \\\"quoted\\\" back\\\\slash\\u001B[2J\\nnext\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", json, StringComparison.Ordinal);
        Assert.Equal(report.Summary, System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("summary").GetString());
    }
}
