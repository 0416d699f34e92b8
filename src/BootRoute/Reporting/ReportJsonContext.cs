using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BootRoute.Reporting;

/// <summary>Source-generated JSON for the report: no reflection, so it works under NativeAOT.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Report))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The report as --json and status.json write it. The default encoder is made for JSON inside HTML
    /// and wrote "ens4's" as "ens4\u0027s" and every non-ASCII letter as \uXXXX; the report is read by
    /// jq, scripts and people, never embedded in a page, so only what JSON itself requires is escaped:
    /// quotes, backslashes and control characters (a line cannot be broken or forged).
    /// </summary>
    public static ReportJsonContext Output { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
