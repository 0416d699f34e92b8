using Xunit;

namespace BootRoute.Tests.Architecture;

/// <summary>Every part of the agent uses only the parts <see cref="DependencyRules"/> allows it.</summary>
public sealed class DependencyRuleTests
{
    [Fact]
    public void Every_part_uses_only_the_parts_its_rule_allows()
    {
        var rules = DependencyRules.Resolve(DependencyRules.Table);
        var violations = DependencyScanner.Scan(AgentSource.Instance)
            .Where(dependency => !rules.TryGetValue(dependency.From, out var allowed) || !allowed.Contains(dependency.To))
            .ToList();

        Assert.True(violations.Count == 0,
            $"{violations.Count} dependencies break the rules in docs/design.md (\"Dependency rules\"):\n"
            + string.Join('\n', violations));
    }

    [Fact]
    public void Every_folder_of_the_agent_has_a_rule_and_every_rule_a_folder()
    {
        var folders = AgentSource.Instance.Files.Select(DependencyScanner.PartOf).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(
            DependencyRules.Parts.Order(StringComparer.Ordinal),
            folders.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_using_a_qualified_name_and_a_member_call_each_count_as_a_dependency()
    {
        var source = AgentSource.FromText(AgentSource.FindRepositoryRoot(),
        [
            ("Apply/Operation.cs", """
                namespace BootRoute.Apply;
                public sealed class Operation { public static Operation None => new(); public void Run() { } }
                public static class Batch { public static int Count(this Operation operation) => 1; }
                """),
            ("Model/Route.cs", "namespace BootRoute.Model; public sealed record Route;"),
            ("Netlink/Socket.cs", "namespace BootRoute.Netlink; public sealed class Socket { public sealed class Options; }"),
            ("Cli/ExitCodes.cs", "namespace BootRoute.Cli; public static class ExitCodes { public const int Ok = 0; }"),
            ("Planning/Diff.cs", """
                using BootRoute.Apply;
                using BootRoute.Model;
                namespace BootRoute.Planning;
                public static class Diff
                {
                    public static Route? Last;
                    public static int Of() => BootRoute.Apply.Operation.None.Count();
                }
                """),
            ("Planning/Plan.cs", """
                namespace BootRoute.Planning;
                public static class Plan
                {
                    public static string Make() => Paths.Root + TextFile.Read() + Cli.ExitCodes.Ok;
                    private static Netlink.Socket.Options[] options = [];
                }
                """),
            ("Paths.cs", "namespace BootRoute; internal static class Paths { public const string Root = \"/\"; }"),
            ("TextFile.cs", "namespace BootRoute; internal static class TextFile { public static string Read() => \"\"; }"),
        ]);

        var found = DependencyScanner.Scan(source).Where(d => d.From == "Planning");

        Assert.Equal(string.Join('\n',
        [
            "Planning/Diff.cs: Planning → Apply (BootRoute.Apply.Batch, BootRoute.Apply.Operation, using BootRoute.Apply)",
            "Planning/Diff.cs: Planning → Model (BootRoute.Model.Route, using BootRoute.Model)",
            "Planning/Plan.cs: Planning → Cli (BootRoute.Cli.ExitCodes)",
            "Planning/Plan.cs: Planning → Netlink (BootRoute.Netlink.Socket)",
        ]), string.Join('\n', found));
    }

    [Fact]
    public void A_member_called_on_a_value_counts_for_the_part_that_declares_it()
    {
        var source = AgentSource.FromText(AgentSource.FindRepositoryRoot(),
        [
            ("Apply/Operation.cs", "namespace BootRoute.Apply; public sealed class Operation { public void ApplyTo() { } }"),
            ("Model/Step.cs", "namespace BootRoute.Model; public sealed class Step { public BootRoute.Apply.Operation Op = new(); }"),
            ("Planning/Diff.cs", "namespace BootRoute.Planning; static class Diff { static void Run(Model.Step s) => s.Op.ApplyTo(); }"),
        ]);

        var planning = Assert.Single(DependencyScanner.Scan(source), d => d.File == "Planning/Diff.cs" && d.To == "Apply");

        Assert.Equal(["BootRoute.Apply.Operation"], planning.Symbols);
    }
}
