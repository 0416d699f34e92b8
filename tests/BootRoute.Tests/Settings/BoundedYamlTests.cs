using System.Diagnostics;
using System.Text;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Settings;

/// <summary>
/// Hostile YAML (issue #13): whatever YamlDotNet would throw, overflow or spend, loading ends quickly
/// with an <see cref="InvalidYamlException"/> that says which bound was met.
/// </summary>
public sealed class BoundedYamlTests
{
    /// <summary>Ten levels, each a list of nine aliases of the level before, the last used as a mapping key.</summary>
    internal static string BillionLaughsKey()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level < 10; level++)
        {
            string previous = $"*a{level - 1}";
            text.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat(previous, 9))}]\n");
        }
        text.Append("? *a9\n: 1\n");
        return text.ToString();
    }

    private static InvalidYamlException Rejected(string yaml)
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<InvalidYamlException>(() => BoundedYaml.Load(yaml));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.DoesNotContain('\n', error.Reason);
        return error;
    }

    [Fact]
    public void Billion_laughs_as_a_key_is_refused_for_alias_expansion()
    {
        var error = Rejected(BillionLaughsKey());

        Assert.Contains($"more than {BoundedYaml.MaxNodes} nodes once aliases are expanded", error.Reason, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Theory]
    [InlineData(30_000)]
    [InlineData(100_000)]
    public void Deep_flow_nesting_is_refused_for_depth(int brackets)
    {
        var error = Rejected(new string('[', brackets));

        Assert.Contains($"nested more than {BoundedYaml.MaxDepth} levels deep", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_block_nesting_is_refused_for_depth()
    {
        var text = new StringBuilder();
        for (int level = 0; level < 100; level++)
        {
            text.Append(' ', level).Append($"k{level}:\n");
        }

        Assert.Contains("levels deep", Rejected(text.ToString()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_count_as_deep_as_what_they_name()
    {
        // Each anchor is 40 levels, and each nests the one before: shallow text, deep tree.
        string deep = new string('[', 40) + new string(']', 40);
        string yaml = $"a: &a {deep}\nb: &b {new string('[', 39)}*a{new string(']', 39)}\n";

        Assert.Contains("levels deep", Rejected(yaml).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recursive_alias_is_refused()
    {
        Assert.Contains("*a is inside the node it names", Rejected("a: &a [x, *a]\n").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_over_a_mebibyte_is_refused_for_size()
    {
        string yaml = "# " + new string('x', BoundedYaml.MaxChars) + "\n";

        Assert.Contains("larger than 1 MiB", Rejected(yaml).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verify: {timeout: 5s\nstate: {}\n")] // InvalidOperationException from YamlDotNet
    [InlineData(" : 1\n")]                              // ArgumentException from YamlDotNet
    public void What_yamldotnet_throws_on_broken_text_is_invalid_yaml(string yaml)
    {
        var error = Rejected(yaml);

        Assert.NotNull(error.Line);
        Assert.StartsWith("malformed near this line (the YAML parser failed with ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Documents_within_the_bounds_load_with_their_aliases()
    {
        string nested = new string('[', BoundedYaml.MaxDepth - 1) + "x" + new string(']', BoundedYaml.MaxDepth - 1); // under the top mapping
        string yaml = $"a: &a [x, y]\nb: [*a, *a]\nc: {nested}\n";

        var stream = BoundedYaml.Load(yaml);

        Assert.Single(stream.Documents);
    }
}
