using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BootRoute.Settings;

/// <summary>
/// The one way the agent loads YAML that others write (settings files, drop-ins, an image's netplan
/// files). YamlDotNet on hostile text can throw more than <see cref="YamlException"/>, overflow the
/// stack on deep nesting (100,000 '[' crashed the process) and spend exponential time on aliases
/// (a "billion laughs" used as a mapping key is hashed node by node), so the text is bounded in size,
/// the events are checked on their way to the representation model (<see cref="BoundedYamlParser"/>),
/// and whatever the parser throws becomes an <see cref="InvalidYamlException"/>.
/// No settings or netplan file comes near these bounds.
/// </summary>
internal static partial class BoundedYaml
{
    /// <summary>Characters of text: 1 MiB of ASCII. Readers cap their read at <see cref="MaxBytes"/>.</summary>
    public const int MaxChars = MaxBytes;

    /// <summary>Bytes a reader needs to read at most: one more tells it the file is too large.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Levels of nested mappings and lists, aliases counted as the nodes they stand for.</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes in the document once every alias is counted as the nodes it stands for.</summary>
    public const int MaxNodes = 100_000;

    /// <exception cref="InvalidYamlException">Malformed, or beyond a bound; the reason says which.</exception>
    public static YamlStream Load(string content)
    {
        if (content.Length > MaxChars)
        {
            throw TooLarge();
        }
        var parser = new BoundedYamlParser(new Parser(new StringReader(content)));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (InvalidYamlException)
        {
            throw;
        }
        catch (YamlException e)
        {
            throw new InvalidYamlException(e.Start.Line, BareMessage(e.Message), e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException
            or IndexOutOfRangeException or KeyNotFoundException or NullReferenceException or OverflowException)
        {
            // YamlDotNet's own faults on malformed text (a flow mapping left open before another line
            // throws InvalidOperationException, " : 1" ArgumentException): still just invalid YAML.
            // Their messages say nothing about the text (and the shipped binary drops the framework's
            // message texts), so the type tells the reader what failed.
            throw new InvalidYamlException(parser.Line, $"malformed near this line (the YAML parser failed with {e.GetType().Name})", e);
        }
        return stream;
    }

    /// <summary>For readers that found more than <see cref="MaxBytes"/> bytes.</summary>
    public static InvalidYamlException TooLarge() =>
        new(null, $"larger than {MaxBytes / 1024 / 1024} MiB, the bound on a YAML document's size");

    /// <summary>
    /// YamlDotNet prefixes its messages with "(Line: 3, Col: 1, Idx: 20) - (Line: …): "; the line is
    /// already in front of ours, and an error message must stay on one line.
    /// </summary>
    private static string BareMessage(string message) =>
        MarkPrefix().Replace(message, "").ReplaceLineEndings(" ").Trim();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
