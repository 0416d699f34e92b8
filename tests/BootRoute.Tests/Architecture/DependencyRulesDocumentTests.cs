using Xunit;

namespace BootRoute.Tests.Architecture;

/// <summary>The table in docs/design.md is the one the tests enforce, so the two cannot drift.</summary>
public sealed class DependencyRulesDocumentTests
{
    private const string Heading = "## Dependency rules";

    [Fact]
    public void The_design_document_states_the_rules_the_tests_enforce()
    {
        string design = Path.Combine(AgentSource.FindRepositoryRoot(), "docs", "design.md");

        var documented = DependencyRules.Resolve(ReadTable(File.ReadAllLines(design)));
        var enforced = DependencyRules.Resolve(DependencyRules.Table);

        Assert.Equal(Describe(enforced), Describe(documented));
    }

    [Fact]
    public void A_table_that_differs_is_read_as_different()
    {
        string[] lines =
        [
            "## Dependency rules", "", "| part | may use | why |", "| --- | --- | --- |",
            "| `Model` | nothing | bottom |", "| `Planning` | `Model`, Settings | pure |", "",
            "| Cli | anything | later tables are not read |",
        ];

        var table = ReadTable(lines);

        Assert.Equal([("Model", "nothing"), ("Planning", "Model, Settings")], table);
    }

    /// <summary>The first table under the heading: part, what it may use, and any further columns.</summary>
    private static List<(string Part, string MayUse)> ReadTable(IReadOnlyList<string> lines)
    {
        int heading = lines.ToList().FindIndex(line => line.Trim() == Heading);
        Assert.True(heading >= 0, $"docs/design.md has no \"{Heading}\" section");
        var rows = lines.Skip(heading + 1)
            .SkipWhile(line => !line.StartsWith('|'))
            .TakeWhile(line => line.StartsWith('|'))
            .Skip(2)    // header and separator
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Replace("`", "", StringComparison.Ordinal).Trim()).ToArray())
            .Select(cells => (cells[0], cells[1]))
            .ToList();
        Assert.NotEmpty(rows);
        return rows;
    }

    private static List<string> Describe(IReadOnlyDictionary<string, IReadOnlySet<string>> rules) =>
        [.. rules.OrderBy(rule => rule.Key, StringComparer.Ordinal)
            .Select(rule => $"{rule.Key} → {string.Join(", ", rule.Value.Order(StringComparer.Ordinal))}")];
}
