using System.Text.Json;
using BootRoute.Model;

namespace BootRoute.Reporting;

/// <summary>
/// What <c>status.json</c> says of the last apply, verify or remove: which checks failed, for
/// <c>bootroute status</c>'s exit code. Read with <see cref="JsonDocument"/> (no binding, so an older
/// or newer report still reads) and bounded like every file the agent reads; a file that cannot be read
/// is said, not trusted.
/// </summary>
public sealed record LastRun(string Command, int ExitCode, IReadOnlyList<string> FailedChecks)
{
    /// <summary>A report of hundreds of NICs is far below this; anything bigger is not ours.</summary>
    public const int MaximumBytes = 4 << 20;

    /// <summary>Why the file could not be read (then <see cref="FailedChecks"/> is empty); null when it was.</summary>
    public string? Unreadable { get; init; }

    /// <summary>The last run, or null when no run wrote <c>status.json</c> in <paramref name="stateDirectory"/> yet.</summary>
    public static LastRun? Read(string stateDirectory)
    {
        string path = StatusFile.PathIn(stateDirectory);
        string text;
        try
        {
            text = TextFile.Read(path, MaximumBytes);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Broken($"{path}: {error.Message}");
        }
        try
        {
            return Parse(text);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return Broken($"{path}: not a report: {error.Message}");
        }
    }

    /// <summary>The failed checks as "ens4 gateway", in the report's order (IPv4-managed NICs, then IPv6-only ones).</summary>
    public static LastRun Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        var root = document.RootElement;
        var failed = new List<string>();
        foreach (string list in (string[])["interfaces", "ipv6OnlyInterfaces"])
        {
            if (!root.TryGetProperty(list, out var interfaces) || interfaces.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var nic in interfaces.EnumerateArray())
            {
                if (!nic.TryGetProperty("checks", out var checks) || checks.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }
                failed.AddRange(checks.EnumerateArray()
                    .Where(check => check.TryGetProperty("passed", out var passed) && passed.ValueKind == JsonValueKind.False)
                    .Select(check => $"{PrintableText.Escape(nic.GetProperty("name").GetString())} {PrintableText.Escape(check.GetProperty("name").GetString())}"));
            }
        }
        return new LastRun(PrintableText.Escape(root.GetProperty("command").GetString()), root.GetProperty("exitCode").GetInt32(), failed);
    }

    private static LastRun Broken(string reason) => new("", 0, []) { Unreadable = reason };
}
