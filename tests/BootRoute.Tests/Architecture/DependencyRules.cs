namespace BootRoute.Tests.Architecture;

/// <summary>
/// Which parts of the agent each part may use: the stages point one way, from the model at the
/// bottom to the command line on top. docs/design.md ("Dependency rules") holds the same table;
/// <see cref="DependencyRulesDocumentTests"/> keeps the two equal.
/// </summary>
internal static class DependencyRules
{
    /// <summary>A file at the root of src/BootRoute other than Program, Paths, TextFile, AtomicFile, RootPath and DirectoryEntries: no part has a rule for it.</summary>
    public const string Root = "(root)";

    /// <summary><c>BootRoute.Paths</c>, <c>BootRoute.TextFile</c>, <c>BootRoute.AtomicFile</c>, <c>BootRoute.RootPath</c> and <c>BootRoute.DirectoryEntries</c>: infrastructure every part may use.</summary>
    public const string Base = "Paths, TextFile, AtomicFile, RootPath, DirectoryEntries";

    private const string Nothing = "nothing";
    private const string Anything = "anything";
    private const string AnythingBut = "anything but ";

    /// <summary>A part and what it may use, written as docs/design.md writes it.</summary>
    public static readonly IReadOnlyList<(string Part, string MayUse)> Table =
    [
        ("Model",        Nothing),
        ("Settings",     "Model"),
        ("Discovery",    "Model, Settings, Netlink, Sysctl"),
        ("Planning",     "Model, Settings"),
        ("Native",       Nothing),
        ("Netlink",      "Model, Native"),
        ("Sysctl",       "Model"),
        ("Apply",        "Model, Planning, Netlink, Sysctl, Native"),
        ("Verification", "Model, Settings, Planning, Netlink"),
        ("Persistence",  "Model, Settings, Planning"),
        ("State",        "Model, Planning, Native"),
        ("Naming",       "Model, Planning"),
        ("Install",      "Naming, Settings, Reporting"),
        ("Reporting",    "Model"),
        ("Stages",       AnythingBut + "Cli"),
        ("Cli",          Anything),
        (Base,           "Native"),
    ];

    public static IReadOnlyList<string> Parts => [.. Table.Select(row => row.Part)];

    /// <summary>The parts a part may use, with "nothing", "anything" and "anything but X, Y" spelled out.</summary>
    public static IReadOnlySet<string> Allowed(string mayUse)
    {
        string text = mayUse.Trim();
        if (text == Nothing)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
        if (text == Anything)
        {
            return new HashSet<string>(Parts, StringComparer.Ordinal);
        }
        if (text.StartsWith(AnythingBut, StringComparison.Ordinal))
        {
            var allowed = new HashSet<string>(Parts, StringComparer.Ordinal);
            allowed.ExceptWith(List(text[AnythingBut.Length..]));
            return allowed;
        }
        return new HashSet<string>(List(text), StringComparer.Ordinal);
    }

    /// <summary>The table as part → allowed parts, for comparing with another copy of it.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Resolve(
        IEnumerable<(string Part, string MayUse)> table) =>
        table.ToDictionary(row => row.Part, row => Allowed(row.MayUse), StringComparer.Ordinal);

    private static string[] List(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
