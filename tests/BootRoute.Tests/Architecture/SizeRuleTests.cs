using System.Text;
using Xunit;

namespace BootRoute.Tests.Architecture;

/// <summary>
/// src/ keeps to its size limits: no file over 300 lines, no member body over 60, no parameter
/// list over 6 (see docs/design.md, "Size limits").
/// </summary>
public sealed class SizeRuleTests
{
    [Fact]
    public void Files_bodies_and_parameter_lists_keep_within_the_limits()
    {
        var violations = SizeScanner.Scan(AgentSource.Instance).ToList();

        Assert.True(violations.Count == 0,
            $"{violations.Count} places in src/BootRoute are over the size limits:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Each_limit_is_reported_with_its_place_and_figure()
    {
        var text = new StringBuilder("namespace BootRoute.Model;\n");                         // line 1
        text.Append("public sealed record Wide(int A, int B, int C, int D, int E, int F, int G);\n"); // line 2
        text.Append("public sealed record Narrow(int A, int B, int C, int D, int E, int F, int G = 0);\n"); // 3: G is named
        text.Append("public delegate void Handler(int a, int b, int c, int d, int e, int f, int g);\n"); // 4
        text.Append("public sealed class Long(int a, int b, int c, int d, int e, int f, int g)\n{\n"); // 5, 6
        text.Append("    public int Run()\n    {\n");                                             // 7, 8
        for (int i = 0; i < 57; i++)
        {
            text.Append("        _ = a;\n");                                                      // 9..65
        }
        text.Append("        return 0;\n    }\n");                                                // 66, 67: 61 lines
        text.Append("    public int Fits()\n    {\n");                                            // 68, 69
        for (int i = 0; i < 57; i++)
        {
            text.Append("        _ = a;\n");
        }
        text.Append("    }\n");                                                                   // 60 lines
        text.Append("    public int Value { get { return 1; } }\n");
        text.Append("    public void Seven(int a, int b, int c, int d, int e, int f, int g) { }\n");
        text.Append("    public void Calls() { Seven(1, 2, 3, 4, 5, 6, 7); Seven(1, 2, 3, 4, 5, 6, g: 7); }\n");
        text.Append("}\n");
        for (int i = text.ToString().Count(c => c == '\n'); i < 301; i++)
        {
            text.Append("// filler\n");
        }
        var source = AgentSource.FromText("/", [("Model/Long.cs", text.ToString())]);
        int seven = text.ToString().Split('\n').ToList().FindIndex(line => line.Contains("void Seven", StringComparison.Ordinal)) + 1;
        int calls = seven + 1;

        var found = SizeScanner.Scan(source);

        Assert.Equal(string.Join('\n',
        [
            "Model/Long.cs:1: file lines: 301 (limit 300)",
            "Model/Long.cs:2: record Wide parameters: 7 (limit 6)",
            "Model/Long.cs:4: delegate Handler parameters: 7 (limit 6)",
            "Model/Long.cs:5: primary constructor Long parameters: 7 (limit 6)",
            "Model/Long.cs:7: method Long.Run lines: 61 (limit 60)",
            $"Model/Long.cs:{seven}: method Long.Seven parameters: 7 (limit 6)",
            $"Model/Long.cs:{calls}: call with positional arguments: 7 (limit 6)",
        ]), string.Join('\n', found));
    }
}
