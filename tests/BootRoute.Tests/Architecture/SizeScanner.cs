using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis;

namespace BootRoute.Tests.Architecture;

/// <summary>A place in src/ over one of the size limits, with the figure that breaks it.</summary>
internal sealed record SizeViolation(string File, int Line, string What, int Figure, int Limit)
{
    public override string ToString() => $"{File}:{Line}: {What}: {Figure} (limit {Limit})";
}

/// <summary>
/// The size limits of src/: files, member bodies and parameter lists small enough to read in one
/// go. Lines are counted as the editor shows them, blank lines and comments included.
/// </summary>
internal static class SizeScanner
{
    public const int MaxFileLines = 300;
    public const int MaxBodyLines = 60;
    public const int MaxParameters = 6;

    public static IEnumerable<SizeViolation> Scan(AgentSource source) =>
        source.Files.SelectMany(Scan);

    public static IEnumerable<SizeViolation> Scan(SourceFile file)
    {
        var text = file.Tree.GetText();
        // As wc -l counts: a final newline ends the last line rather than starting another.
        int lines = text.Lines.Count - (text.Length > 0 && text[text.Length - 1] == '\n' ? 1 : 0);
        if (lines > MaxFileLines)
        {
            yield return new SizeViolation(file.RelativePath, 1, "file lines", lines, MaxFileLines);
        }
        foreach (var node in file.Tree.GetRoot().DescendantNodes())
        {
            if (Body(node) is { } body)
            {
                var span = node.GetLocation().GetLineSpan();
                int bodyLines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
                if (bodyLines > MaxBodyLines)
                {
                    yield return new SizeViolation(file.RelativePath, span.StartLinePosition.Line + 1,
                        $"{body} lines", bodyLines, MaxBodyLines);
                }
            }
            if (Parameters(node) is { } parameters && Counted(node, parameters.List) is var count && count > MaxParameters)
            {
                yield return new SizeViolation(file.RelativePath, Line(parameters.List), $"{parameters.Name} parameters", count, MaxParameters);
            }
            if (node is BaseArgumentListSyntax arguments
                && arguments.Arguments.Count(argument => argument.NameColon is null) is var positional && positional > MaxParameters)
            {
                yield return new SizeViolation(file.RelativePath, Line(arguments), "call with positional arguments", positional, MaxParameters);
            }
        }
    }

    /// <summary>
    /// What a node with a body of code is called in a report, or null when it has none: methods,
    /// constructors, operators, local functions, accessors, and properties or indexers written as
    /// one expression (their getter without the word "get"). The span runs from the signature
    /// (attributes included, the doc comment not) to the closing brace.
    /// </summary>
    private static string? Body(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null }
            => $"method {Name(node)}",
        ConstructorDeclarationSyntax c => $"constructor {c.Identifier.Text}",
        DestructorDeclarationSyntax d => $"finalizer ~{d.Identifier.Text}",
        OperatorDeclarationSyntax o => $"operator {Type(node)}.{o.OperatorToken.Text}",
        ConversionOperatorDeclarationSyntax c => $"conversion {Type(node)}→{c.Type}",
        LocalFunctionStatementSyntax f => $"local function {f.Identifier.Text}",
        AccessorDeclarationSyntax { Body: not null } or AccessorDeclarationSyntax { ExpressionBody: not null }
            => $"accessor {Name(node.Parent!.Parent!)}.{((AccessorDeclarationSyntax)node).Keyword.Text}",
        PropertyDeclarationSyntax { ExpressionBody: not null } p => $"property {Type(node)}.{p.Identifier.Text}",
        IndexerDeclarationSyntax { ExpressionBody: not null } => $"indexer {Type(node)}[]",
        _ => null,
    };

    /// <summary>
    /// Every list of parameters a caller fills by position. Lambdas are not listed: their parameters
    /// are fixed by the delegate they implement, which is listed.
    /// </summary>
    private static (string Name, BaseParameterListSyntax List)? Parameters(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => ($"method {Name(node)}", m.ParameterList),
        ConstructorDeclarationSyntax c => ($"constructor {c.Identifier.Text}", c.ParameterList),
        LocalFunctionStatementSyntax f => ($"local function {f.Identifier.Text}", f.ParameterList),
        DelegateDeclarationSyntax d => ($"delegate {d.Identifier.Text}", d.ParameterList),
        IndexerDeclarationSyntax i => ($"indexer {Type(node)}[]", i.ParameterList),
        RecordDeclarationSyntax { ParameterList: { } list } r => ($"record {r.Identifier.Text}", list),
        TypeDeclarationSyntax { ParameterList: { } list } t and (ClassDeclarationSyntax or StructDeclarationSyntax)
            => ($"primary constructor {t.Identifier.Text}", list),
        _ => null,
    };

    /// <summary>
    /// How many of a list's parameters count. All of them, except in a record's positional list: there
    /// a parameter with a default is an optional field that callers name (<c>new Route(table, network,
    /// dev, Scope: RouteScope.Link)</c>), so only the ones every caller must fill count, and the second
    /// rule, no call with more than six positional arguments, keeps the named ones named. A record
    /// whose required fields are more than six wants init properties or smaller records that group them.
    /// </summary>
    private static int Counted(SyntaxNode node, BaseParameterListSyntax list) => node is RecordDeclarationSyntax
        ? list.Parameters.Count(parameter => parameter.Default is null)
        : list.Parameters.Count;

    private static string Name(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => $"{Type(node)}.{m.Identifier.Text}",
        PropertyDeclarationSyntax p => $"{Type(node)}.{p.Identifier.Text}",
        IndexerDeclarationSyntax => $"{Type(node)}[]",
        EventDeclarationSyntax e => $"{Type(node)}.{e.Identifier.Text}",
        _ => Type(node),
    };

    private static string Type(SyntaxNode node) =>
        node.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.Text ?? "?";

    private static int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
}
