namespace BootRoute.Tests.Architecture;

/// <summary>
/// Which parts of the agent each part may use: the stages point one way, from the model at the
/// bottom to the command line on top. docs/design.md ("Dependency rules") holds the same table;
/// <see cref="DependencyRulesDocumentTests"/> keeps the two equal.
/// </summary>
internal static class DependencyRules
{
    /// <summary>The root namespace's run of the stages (Pipeline*.cs, AgentServices).</summary>
    public const string Pipeline = "Pipeline";

    /// <summary><c>BootRoute.Paths</c> and <c>BootRoute.TextFile</c>: infrastructure every part may use.</summary>
    public const string Base = "Paths, TextFile";

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
        ("Netlink",      "Model"),
        ("Sysctl",       "Model"),
        ("Apply",        "Model, Planning, Netlink, Sysctl"),
        ("Verification", "Model, Settings, Planning, Netlink"),
        ("Persistence",  "Model, Settings, Planning"),
        ("State",        "Model, Planning"),
        ("Naming",       "Model, Planning"),
        ("Install",      "Naming"),
        ("Reporting",    "Model, Settings, Planning, Apply, Verification, Persistence"),
        (Pipeline,       AnythingBut + "Cli"),
        ("Cli",          Anything),
        (Base,           Nothing),
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
