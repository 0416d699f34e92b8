using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BootRoute.Tests.Architecture;

/// <summary>One file's use of another part of the agent, with the symbols that make it.</summary>
internal sealed record Dependency(string File, string From, string To, IReadOnlyList<string> Symbols)
{
    public override string ToString() => $"{File}: {From} → {To} ({string.Join(", ", Symbols)})";
}

/// <summary>
/// Finds which parts of the agent each file uses by asking the semantic model what every name in
/// it refers to: a using directive, a fully qualified <c>Persistence.PersistBackend</c>, a member
/// called on a value whose type lives elsewhere, all count the same.
/// </summary>
internal static class DependencyScanner
{
    private const string RootNamespace = "BootRoute";

    /// <summary>The root namespace's types that every part may use: they sit below the model.</summary>
    public static readonly IReadOnlySet<string> BaseTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "BootRoute.Paths",
        "BootRoute.TextFile",
        "BootRoute.AtomicFile",
        "BootRoute.RootPath",
        "BootRoute.DirectoryEntries",
    };

    /// <summary>The part a file belongs to: its top folder. At the root, the entry point is the command
    /// line's and Paths, TextFile, AtomicFile, RootPath and DirectoryEntries are the base; anything else there has no rule, so the folder test
    /// fails until it moves into a folder of its own.</summary>
    public static string PartOf(SourceFile file) => file.TopFolder switch
    {
        "" when file.RelativePath == "Program.cs" => "Cli",
        "" when file.RelativePath is "Paths.cs" or "TextFile.cs" or "AtomicFile.cs" or "RootPath.cs" or "DirectoryEntries.cs" => DependencyRules.Base,
        "" => DependencyRules.Root,
        var folder => folder,
    };

    public static IEnumerable<Dependency> Scan(AgentSource source)
    {
        foreach (var file in source.Files)
        {
            string from = PartOf(file);
            var model = source.Compilation.GetSemanticModel(file.Tree);
            var used = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            foreach (var (to, symbol) in References(file.Tree.GetRoot(), model))
            {
                if (to != from)
                {
                    if (!used.TryGetValue(to, out var symbols))
                    {
                        used[to] = symbols = new SortedSet<string>(StringComparer.Ordinal);
                    }
                    symbols.Add(symbol);
                }
            }
            foreach (var (to, symbols) in used)
            {
                yield return new Dependency(file.RelativePath, from, to, [.. symbols]);
            }
        }
    }

    private static IEnumerable<(string Part, string Symbol)> References(SyntaxNode root, SemanticModel model)
    {
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case UsingDirectiveSyntax { Name: { } name }:
                    if (model.GetSymbolInfo(name).Symbol is INamespaceOrTypeSymbol imported
                        && PartOf(imported) is { } importedPart)
                    {
                        yield return (importedPart, "using " + imported.ToDisplayString());
                    }
                    break;
                case SimpleNameSyntax name when !IsInUsingDirective(name):
                    var info = model.GetSymbolInfo(name);
                    var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                    if (OwningType(symbol) is { } type && PartOf(type) is { } part)
                    {
                        yield return (part, type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat
                            .WithGenericsOptions(SymbolDisplayGenericsOptions.None)));
                    }
                    break;
            }
        }
    }

    private static bool IsInUsingDirective(SyntaxNode node) =>
        node.Ancestors().Any(ancestor => ancestor is UsingDirectiveSyntax);

    /// <summary>
    /// The outermost named type a name leads to: the type itself, or the type declaring the member.
    /// Locals, parameters and namespaces lead nowhere: their types are named where they are
    /// declared, and a namespace in a qualified name is followed by the type that matters.
    /// </summary>
    private static INamedTypeSymbol? OwningType(ISymbol? symbol)
    {
        var type = symbol switch
        {
            null or INamespaceSymbol or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol
                or ILabelSymbol or IDiscardSymbol or ITypeParameterSymbol => null,
            IArrayTypeSymbol array => OwningType(array.ElementType),
            IPointerTypeSymbol pointer => OwningType(pointer.PointedAtType),
            INamedTypeSymbol named => named,
            _ => symbol.ContainingType,
        };
        while (type?.ContainingType is { } outer)
        {
            type = outer;
        }
        return type?.OriginalDefinition;
    }

    private static string? PartOf(INamespaceOrTypeSymbol symbol)
    {
        if (symbol is INamedTypeSymbol type && BaseTypes.Contains(type.ToDisplayString()))
        {
            return null;
        }
        var ns = symbol as INamespaceSymbol ?? symbol.ContainingNamespace;
        var path = new List<string>();
        for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            path.Insert(0, ns.Name);
        }
        if (path.Count == 0 || path[0] != RootNamespace)
        {
            return null;
        }
        if (path.Count > 1)
        {
            return path[1];
        }
        return symbol.Name == "Program" ? "Cli" : symbol is INamespaceSymbol ? null : DependencyRules.Root;
    }
}
