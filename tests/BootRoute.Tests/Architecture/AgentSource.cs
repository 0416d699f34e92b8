using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BootRoute.Tests.Architecture;

/// <summary>
/// The agent's source (src/BootRoute/**/*.cs) as Roslyn syntax trees and one compilation, so the
/// architecture tests judge what the code names, not what its text happens to look like.
/// </summary>
internal sealed class AgentSource
{
    /// <summary>The packages src/BootRoute references; the test's output directory carries their DLLs.</summary>
    private static readonly string[] PackageAssemblyPatterns =
        ["YamlDotNet.dll", "Polly.Core.dll", "Microsoft.Extensions.*.dll", "System.CommandLine.dll"];

    /// <summary>What &lt;ImplicitUsings&gt; gives a console project; the generated file lives in obj/.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<AgentSource> Loaded = new(Load);

    private AgentSource(string repositoryRoot, ImmutableArray<SourceFile> files, CSharpCompilation compilation)
    {
        RepositoryRoot = repositoryRoot;
        Files = files;
        Compilation = compilation;
    }

    public static AgentSource Instance => Loaded.Value;

    public string RepositoryRoot { get; }

    /// <summary>Every .cs file under src/BootRoute except build output.</summary>
    public ImmutableArray<SourceFile> Files { get; }

    public CSharpCompilation Compilation { get; }

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BootRoute.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no BootRoute.sln above {AppContext.BaseDirectory}");
    }

    private static AgentSource Load()
    {
        string root = FindRepositoryRoot();
        string sourceRoot = Path.Combine(root, "src", "BootRoute");
        var files = Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(sourceRoot, path).Replace('\\', '/'))
            .Where(relative => !relative.StartsWith("obj/", StringComparison.Ordinal)
                && !relative.StartsWith("bin/", StringComparison.Ordinal))
            .Select(relative => (relative, File.ReadAllText(Path.Combine(sourceRoot, relative))));
        return FromText(root, files);
    }

    /// <summary>A compilation of the given files (path under src/BootRoute, text); tests of the
    /// rules themselves feed it small made-up sources.</summary>
    public static AgentSource FromText(string repositoryRoot, IEnumerable<(string RelativePath, string Text)> sources)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var files = sources
            .OrderBy(source => source.RelativePath, StringComparer.Ordinal)
            .Select(source => new SourceFile(source.RelativePath,
                CSharpSyntaxTree.ParseText(source.Text, parseOptions, source.RelativePath)))
            .ToImmutableArray();

        // Members that source generators add (configuration binding, JSON contexts, LibraryImport)
        // are missing here; the compilation has errors for them, and the tests only ask it what the
        // names written in the source refer to, which those errors do not change.
        var compilation = CSharpCompilation.Create(
            "bootroute-architecture",
            [.. files.Select(file => file.Tree), CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions)],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable));
        return new AgentSource(repositoryRoot, files, compilation);
    }

    /// <summary>
    /// The runtime's own assemblies plus the agent's packages. Not the test host's whole list: it
    /// holds bootroute.dll, whose types would compete with the ones compiled from source.
    /// </summary>
    private static IEnumerable<MetadataReference> References()
    {
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetDirectoryName(path) == runtimeDirectory);
        var packages = PackageAssemblyPatterns
            .SelectMany(pattern => Directory.EnumerateFiles(AppContext.BaseDirectory, pattern));
        return platform.Concat(packages).Distinct().Select(path => MetadataReference.CreateFromFile(path));
    }
}

/// <summary>One source file, named by its path under src/BootRoute with forward slashes.</summary>
internal sealed record SourceFile(string RelativePath, SyntaxTree Tree)
{
    /// <summary>The top folder under src/BootRoute, or "" for a file at the project's root.</summary>
    public string TopFolder => RelativePath.Contains('/', StringComparison.Ordinal)
        ? RelativePath[..RelativePath.IndexOf('/', StringComparison.Ordinal)]
        : "";
}
