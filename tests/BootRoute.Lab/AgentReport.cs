using System.Text.Json;
using Xunit;

namespace BootRoute.Lab;

/// <summary>Reads the agent's --json report (camelCase, see the contract in the lab tests).</summary>
internal sealed class AgentReport : IDisposable
{
    private readonly JsonDocument _doc;

    private AgentReport(JsonDocument doc) => _doc = doc;

    public JsonElement Root => _doc.RootElement;

    public static AgentReport Parse(ProcessResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            var doc = JsonDocument.Parse(run.Stdout);
            Assert.True(doc.RootElement.ValueKind == JsonValueKind.Object, $"report is not a JSON object:\n{run}");
            return new AgentReport(doc);
        }
        catch (JsonException e)
        {
            Assert.Fail($"agent stdout is not a JSON report ({e.Message}):\n{run}");
            throw; // unreachable
        }
    }

    public string? Command => String("command");
    public string? Primary => String("primary");
    public int ExitCode => Int("exitCode");
    public int Applied => Int("applied");

    public IReadOnlyList<string> Operations =>
        Array("operations").Select(e => e.GetString() ?? "").ToList();

    public IReadOnlyList<JsonElement> Interfaces => Array("interfaces");

    public JsonElement Interface(string name)
    {
        foreach (var i in Interfaces)
        {
            if (i.TryGetProperty("name", out var n) && n.GetString() == name) return i;
        }
        Assert.Fail($"report has no interface '{name}':\n{Root}");
        return default;
    }

    private string? String(string name) =>
        Root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private int Int(string name)
    {
        Assert.True(Root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number,
            $"report has no number '{name}':\n{Root}");
        return v.GetInt32();
    }

    private List<JsonElement> Array(string name)
    {
        Assert.True(Root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array,
            $"report has no array '{name}':\n{Root}");
        return v.EnumerateArray().ToList();
    }

    public override string ToString() => Root.ToString();

    public void Dispose() => _doc.Dispose();
}

/// <summary>Small readers of `ip -j` output inside the lab instance.</summary>
internal static class IpJson
{
    public static List<JsonElement> Parse(string json)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public static string? Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString() : null;
}
