using System.CommandLine;
using System.CommandLine.Help;
using System.Reflection;
using BootRoute.Cli;
using Xunit;

namespace BootRoute.Tests.Cli;

/// <summary>The hand-made root keeps what RootCommand gave the command line: --help and --version.</summary>
public sealed class AgentRootCommandTests
{
    private static AgentRootCommand Root()
    {
        var root = new AgentRootCommand("Test description.") { new Option<bool>("--json") };
        root.Subcommands.Add(new Command("apply", "Apply") { new Option<bool>("--no-verify") });
        return root;
    }

    private static (int ExitCode, string Output) Invoke(params string[] args)
    {
        var output = new StringWriter();
        int exitCode = Root().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("/h")]
    [InlineData("-?")]
    [InlineData("/?")]
    public void Every_help_alias_shows_help(string alias)
    {
        var parsed = Root().Parse([alias]);

        Assert.Empty(parsed.Errors);
        Assert.IsType<HelpAction>(parsed.Action);
    }

    [Fact]
    public void Help_names_the_program_its_options_and_its_commands()
    {
        var (exitCode, output) = Invoke("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("Test description.", output, StringComparison.Ordinal);
        Assert.Contains("bootroute [command] [options]", output, StringComparison.Ordinal);
        Assert.Contains("--version", output, StringComparison.Ordinal);
        Assert.Contains("--json", output, StringComparison.Ordinal);
        Assert.Contains("apply", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_inherited_by_subcommands()
    {
        var parsed = Root().Parse(["apply", "--help"]);
        var (_, output) = Invoke("apply", "-h");

        Assert.IsType<HelpAction>(parsed.Action);
        Assert.Contains("--no-verify", output, StringComparison.Ordinal);
        Assert.Contains("--help", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_version_and_the_commit()
    {
        string informational = typeof(AgentRootCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        string expected = $"bootroute {informational.Split('+')[0]} (commit {(informational.Contains('+', StringComparison.Ordinal) ? informational.Split('+')[1] : "unknown")})";

        var (exitCode, output) = Invoke("--version");

        Assert.Equal(0, exitCode);
        Assert.Equal(expected, output.Trim());
    }

    [Theory]
    [InlineData("--version", "--json")]
    [InlineData("--json", "--version")]
    [InlineData("--version", "apply")]
    public void Version_cannot_be_combined_with_other_arguments(params string[] args)
    {
        var error = Assert.Single(Root().Parse(args).Errors);

        Assert.Equal("--version option cannot be combined with other arguments.", error.Message);
    }

    [Fact]
    public void Version_belongs_to_the_root_only_and_unknown_options_are_errors()
    {
        Assert.NotEmpty(Root().Parse(["apply", "--version"]).Errors);
        Assert.NotEmpty(Root().Parse(["--bogus"]).Errors);
        var plain = Root().Parse(["apply", "--no-verify"]);
        Assert.Empty(plain.Errors);
        Assert.False(plain.Action is HelpAction, "help ran although nobody asked for it");
        Assert.Null(plain.Action); // apply has no action in this test, and --version's did not take over
    }
}
