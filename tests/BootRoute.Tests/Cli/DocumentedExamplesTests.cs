using System.Text.RegularExpressions;
using BootRoute.Cli;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Cli;

/// <summary>
/// Issue 17: the examples in README.md, docs/ and cloud-init/ cannot drift from the program. Every
/// `bootroute …` command line in a fenced block is parsed by the real command line (unknown commands
/// and options, missing values fail), and every YAML block that is a BootRoute settings file (a
/// ```yaml block in the docs, a write_files entry under /etc/bootroute in the cloud-init examples)
/// loads through the settings reader and validator.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class DocumentedExamplesTests
{
    private static string Repo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BootRoute.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("no BootRoute.sln above the test assembly");
    }

    private static IEnumerable<string> Documents()
    {
        string repo = Repo();
        return [Path.Combine(repo, "README.md"), .. Directory.GetFiles(Path.Combine(repo, "docs"), "*.md"), .. Directory.GetFiles(Path.Combine(repo, "cloud-init"), "*.md")];
    }

    /// <summary>Fenced blocks: (file:line, language, lines).</summary>
    private static IEnumerable<(string Where, string Language, List<string> Lines)> Blocks(string file)
    {
        string[] lines = File.ReadAllLines(file);
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }
            string language = lines[i].Trim()[3..];
            int start = i + 1;
            var block = new List<string>();
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
            {
                block.Add(lines[i]);
            }
            yield return ($"{Path.GetRelativePath(Repo(), file)}:{start}", language, block);
        }
    }

    /// <summary>The arguments of a `bootroute …` command line: the comment, pipes and redirections cut off.</summary>
    public static string[]? Arguments(string line)
    {
        var match = CommandLinePattern().Match(line);
        if (!match.Success)
        {
            return null;
        }
        string rest = ShellEnd().Split(match.Groups["args"].Value)[0];
        // $VAR: a variable the shell or systemd expands (BOOTROUTE_ARGS is empty unless the operator sets it).
        return [.. rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => !word.StartsWith('$')).Select(word => word.Trim('\'', '"'))];
    }

    public static TheoryData<string, string> CommandLines()
    {
        var data = new TheoryData<string, string>();
        foreach (var (where, language, lines) in Documents().SelectMany(Blocks))
        {
            if (language is "yaml" or "json" or "ini")
            {
                continue;
            }
            for (int i = 0; i < lines.Count; i++)
            {
                if (Arguments(lines[i]) is not null)
                {
                    data.Add($"{where}+{i}", lines[i]);
                }
            }
        }
        return data;
    }

    /// <summary>
    /// `bootroute …` in running text: the commands a reader copies from a sentence. Not a synopsis
    /// (`[--root DIR]`, `…`: a pattern, not a command line), not a version string, not the bare name.
    /// </summary>
    public static TheoryData<string, string> InlineCommandLines()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in Documents())
        {
            string[] lines = File.ReadAllLines(file);
            bool fenced = false;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    fenced = !fenced;
                    continue;
                }
                foreach (Match span in InlineCode().Matches(fenced ? "" : lines[i]))
                {
                    string text = span.Groups[1].Value;
                    if (Arguments(text) is { Length: > 0 } && !Synopsis().IsMatch(text))
                    {
                        data.Add($"{Path.GetRelativePath(Repo(), file)}:{i + 1}: {text}", text);
                    }
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(InlineCommandLines))]
    public void Every_command_in_running_text_parses(string where, string text)
    {
        var parsed = CommandLine.Build().Parse(Arguments(text)!);

        Assert.True(parsed.Errors.Count == 0, $"{where}: {string.Join("; ", parsed.Errors.Select(error => error.Message))}");
    }

    [Fact]
    public void Running_text_names_commands_at_all()
    {
        Assert.True(InlineCommandLines().Count >= 30, $"only {InlineCommandLines().Count} inline commands found");
    }

    [Theory]
    [MemberData(nameof(CommandLines))]
    public void Every_documented_command_line_parses(string where, string line)
    {
        var parsed = CommandLine.Build().Parse(Arguments(line)!);

        Assert.True(parsed.Errors.Count == 0, $"{where}: `{line}`: {string.Join("; ", parsed.Errors.Select(error => error.Message))}");
    }

    [Fact]
    public void The_docs_show_command_lines_at_all()
    {
        Assert.True(CommandLines().Count >= 10, $"only {CommandLines().Count} command lines found");
        Assert.Null(Arguments("/etc/bootroute"));
    }

    [Fact]
    public void A_command_line_that_drifted_is_caught()
    {
        Assert.NotEmpty(CommandLine.Build().Parse(Arguments("bootroute status --no-such-option   # comment")!).Errors);
        Assert.NotEmpty(CommandLine.Build().Parse(Arguments("sudo bootroute stauts")!).Errors);
    }

    public static TheoryData<string, string> SettingsExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var (where, language, lines) in Documents().SelectMany(Blocks).Where(block => block.Language == "yaml"))
        {
            data.Add(where, string.Join('\n', lines) + "\n");
        }
        foreach (string file in Directory.GetFiles(Path.Combine(Repo(), "cloud-init"), "*.yaml"))
        {
            var document = new YamlDotNet.RepresentationModel.YamlStream();
            document.Load(new StringReader(File.ReadAllText(file)));
            var root = (YamlDotNet.RepresentationModel.YamlMappingNode)document.Documents[0].RootNode;
            if (!root.Children.TryGetValue("write_files", out var files))
            {
                continue;
            }
            foreach (var entry in ((YamlDotNet.RepresentationModel.YamlSequenceNode)files).Children.Cast<YamlDotNet.RepresentationModel.YamlMappingNode>())
            {
                string path = entry.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("path")].ToString();
                if (path.StartsWith("/etc/bootroute/", StringComparison.Ordinal) && path.EndsWith(".yaml", StringComparison.Ordinal))
                {
                    data.Add($"{Path.GetFileName(file)}: {path}", entry.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("content")].ToString());
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SettingsExamples))]
    public void Every_settings_example_loads(string where, string yaml)
    {
        string directory = Directory.CreateTempSubdirectory("bootroute-docs-").FullName;
        try
        {
            string config = Path.Combine(directory, "bootroute.yaml");
            File.WriteAllText(config, yaml);
            var error = Record.Exception(() => SettingsLoader.Load(config, new Dictionary<string, string?>(), new Dictionary<string, string>()));
            Assert.True(error is null, $"{where}: {error?.Message}\n{yaml}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // "bootroute …", "sudo bootroute …", "out/bootroute …", "/usr/sbin/bootroute …", "$ bootroute …"; not a
    // directory such as /etc/bootroute in a list of paths.
    [GeneratedRegex(@"^\s*(\$\s+)?(sudo\s+)?((\./)?out/|/usr/sbin/|/usr/local/sbin/)?bootroute(?<args>(\s.*)?)$")]
    private static partial Regex CommandLinePattern();

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex InlineCode();

    // A synopsis ([optional], …, A|B) or a version line ("bootroute 0.1.0 (commit …)").
    [GeneratedRegex(@"\[|…|\.\.\.|\\\||^bootroute \d")]
    private static partial Regex Synopsis();

    // A comment, a pipe, a redirection, a list or a subshell ends the arguments.
    [GeneratedRegex(@"\s#|\||>|<|;|&&|\$\(|\)")]
    private static partial Regex ShellEnd();
}
