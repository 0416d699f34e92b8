using System.Text.RegularExpressions;

namespace BootRoute.Persistence.Detection;

/// <summary>
/// What ifupdown reads from /etc/network/interfaces and the files it includes (interfaces(5)):
/// the interfaces that have an <c>iface</c> stanza, and under which name a file of BootRoute's in
/// /etc/network/interfaces.d would be read at all (<c>source-directory</c> takes only names matching
/// ^[a-zA-Z0-9_-]+$; Ubuntu's <c>source …/interfaces.d/*.cfg</c> only *.cfg).
/// </summary>
internal sealed partial class IfupdownInterfaces
{
    private const int MaxDepth = 8;

    private readonly Dictionary<string, string> _stanzas = new(StringComparer.Ordinal);
    private readonly List<string> _readPatterns = [];
    private readonly List<IfupdownStaticStanza> _staticStanzas = [];

    public bool Exists { get; private init; }

    /// <summary>Every <c>iface NAME inet static</c> stanza with its address, netmask and gateway options, in reading order.</summary>
    public IReadOnlyList<IfupdownStaticStanza> StaticStanzas => _staticStanzas;

    /// <summary>Interface name → the file whose iface stanza configures it (the first one).</summary>
    public IReadOnlyDictionary<string, string> Stanzas => _stanzas;

    /// <summary>
    /// Where BootRoute's stanzas go so that ifupdown reads them: 60-bootroute, or 60-bootroute.cfg
    /// when interfaces.d is only read as *.cfg; null when it is not read at all.
    /// </summary>
    public string? StanzaFile =>
        StanzaFileNames.FirstOrDefault(path => _readPatterns.Any(pattern => Glob.Matches(pattern, path)));

    /// <summary>Every name BootRoute's stanza file can have, in order of preference.</summary>
    public static IReadOnlyList<string> StanzaFileNames { get; } = [Paths.Stacks.IfupdownStanzaFile, Paths.Stacks.IfupdownStanzaFile + ".cfg"];

    public static IfupdownInterfaces Read(IRootFileSystem files)
    {
        var result = new IfupdownInterfaces { Exists = files.FileExists(Paths.Stacks.IfupdownInterfaces) };
        if (result.Exists)
        {
            result.ReadFile(files, Paths.Stacks.IfupdownInterfaces, 0);
        }
        return result;
    }

    private void ReadFile(IRootFileSystem files, string path, int depth)
    {
        if (depth > MaxDepth || StanzaFileNames.Contains(path, StringComparer.Ordinal))
        {
            return;
        }
        string directory = path[..path.LastIndexOf('/')];
        IfupdownStaticStanza? stanza = null;
        foreach (var line in LogicalLines(files.ReadText(path) ?? ""))
        {
            var words = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (stanza is not null && words is [var option, var value, ..] && stanza.With(option, value) is { } changed)
            {
                stanza = changed;
                _staticStanzas[^1] = stanza;
                continue;
            }
            stanza = null;
            switch (words)
            {
                case ["iface", var name, ..]:
                    _stanzas.TryAdd(name, path);
                    if (words is [_, _, "inet", "static", ..])
                    {
                        stanza = new IfupdownStaticStanza(name, path);
                        _staticStanzas.Add(stanza);
                    }
                    break;
                case ["source-directory", var target]:
                    string sourced = Absolute(directory, target).TrimEnd('/');
                    _readPatterns.Add($"{sourced}/*");
                    foreach (var name in files.FileNames(sourced).Where(name => DirectoryEntryName().IsMatch(name)))
                    {
                        ReadFile(files, $"{sourced}/{name}", depth + 1);
                    }
                    break;
                case ["source", .. var patterns]:
                    foreach (var pattern in patterns.Select(pattern => Absolute(directory, pattern)))
                    {
                        _readPatterns.Add(pattern);
                        int slash = pattern.LastIndexOf('/');
                        string parent = slash == 0 ? "/" : pattern[..slash];
                        foreach (var name in files.FileNames(parent).Where(name => Glob.Matches(pattern[(slash + 1)..], name)))
                        {
                            ReadFile(files, $"{parent.TrimEnd('/')}/{name}", depth + 1);
                        }
                    }
                    break;
            }
        }
    }

    private static string Absolute(string directory, string path) => path.StartsWith('/') ? path : $"{directory}/{path}";

    /// <summary>Lines with '\' continuations joined and comment lines ('#' first) dropped.</summary>
    private static IEnumerable<string> LogicalLines(string text)
    {
        string pending = "";
        foreach (var raw in text.Split('\n'))
        {
            string line = pending + raw.TrimEnd('\r');
            if (line.EndsWith('\\'))
            {
                pending = line[..^1] + " ";
                continue;
            }
            pending = "";
            string trimmed = line.Trim();
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                yield return trimmed;
            }
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DirectoryEntryName();
}
