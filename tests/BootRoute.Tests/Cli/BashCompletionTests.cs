using System.CommandLine;
using System.Diagnostics;
using BootRoute.Cli;
using Xunit;

namespace BootRoute.Tests.Cli;

/// <summary>
/// The bash completion script is rendered from the real command line: every command and option is in
/// it, and bash itself, given the script, completes them.
/// </summary>
public sealed class BashCompletionTests
{
    private static readonly Command Root = CommandLine.Build();
    private static readonly string Script = BashCompletion.Render(Root);

    [Fact]
    public void EveryVisibleCommandAndOption_IsInTheScript()
    {
        var commands = Root.Subcommands.Where(command => !command.Hidden).ToList();
        Assert.True(commands.Count >= 8, string.Join(", ", commands.Select(command => command.Name)));
        foreach (var command in commands)
        {
            Assert.Contains($"        {command.Name}) words='", Script, StringComparison.Ordinal);
            string words = WordsOf(command.Name);
            foreach (var option in command.Options.Where(option => !option.Hidden).Concat(Root.Options.Where(option => option.Recursive)))
            {
                Assert.Contains($" {option.Name} ", $" {words} ", StringComparison.Ordinal);
            }
        }
        string top = WordsOf("*");
        Assert.All(commands, command => Assert.Contains($" {command.Name} ", $" {top} ", StringComparison.Ordinal));
        Assert.All(Root.Options, option => Assert.Contains($" {option.Name} ", $" {top} ", StringComparison.Ordinal));
        // The hidden command that prints the script is not offered.
        Assert.DoesNotContain(" completion ", $" {top} ", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pl", "plan")]
    [InlineData("un", "uninstall")]
    [InlineData("install --pr", "--prefix")]
    [InlineData("plan --js", "--json")]
    [InlineData("--con", "--config")]
    [InlineData("status --", "--config --help --json --set")]
    [InlineData("plan --json --c", "--config")]
    [InlineData("paths --owned --h", "--help")]
    public void Bash_CompletesFromTheScript(string typed, string expected)
    {
        var words = typed.Split(' ');
        // COMP_WORDS as bash fills it for "bootroute TYPED<TAB>", then the reply, sorted.
        string program = $$"""
            {{Script}}
            COMP_WORDS=(bootroute {{typed}}); COMP_CWORD={{words.Length}}
            _bootroute
            printf '%s\n' "${COMPREPLY[@]}" | sort | grep -v '^-[a-z]$' | tr '\n' ' '
            """;
        Assert.Equal(expected, RunBash(program).Trim());
    }

    [Fact]
    public void Bash_OffersNoWordAfterAnOptionThatTakesAPath()
    {
        // After --config bash's own file name completion answers (compopt -o default), not a word list.
        string program = $$"""
            {{Script}}
            compopt() { echo "compopt $*"; }
            COMP_WORDS=(bootroute plan --config ''); COMP_CWORD=3
            _bootroute
            echo "reply: ${#COMPREPLY[@]}"
            """;
        Assert.Equal("compopt -o default\nreply: 0", RunBash(program).Trim());
    }

    private static string WordsOf(string command)
    {
        string marker = $"        {command}) words='";
        int start = Script.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no case for {command}:\n{Script}");
        start += marker.Length;
        return Script[start..Script.IndexOf('\'', start)];
    }

    private static string RunBash(string program)
    {
        var info = new ProcessStartInfo("bash", ["--norc", "--noprofile", "-c", program])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var bash = Process.Start(info)!;
        string stdout = bash.StandardOutput.ReadToEnd();
        string stderr = bash.StandardError.ReadToEnd();
        Assert.True(bash.WaitForExit(30_000), "bash did not finish");
        Assert.True(bash.ExitCode == 0 && stderr.Length == 0, $"bash exited {bash.ExitCode}: {stderr}");
        return stdout;
    }
}
