namespace BootRoute.Settings;

/// <summary>
/// A YAML document <see cref="BoundedYaml"/> would not load: malformed, or beyond one of its bounds
/// on cost. The caller adds the file name: settings turn it into a <see cref="ConfigurationException"/>,
/// netplan detection into a note that skips the file.
/// </summary>
public sealed class InvalidYamlException : Exception
{
    public InvalidYamlException(long? line, string reason, Exception? inner = null) : base(reason, inner)
    {
        Line = line;
        Reason = reason;
    }

    public InvalidYamlException() : this(null, "invalid YAML") { }
    public InvalidYamlException(string message) : this(null, message) { }
    public InvalidYamlException(string message, Exception inner) : this(null, message, inner) { }

    /// <summary>The 1-based line the problem was found on, when known.</summary>
    public long? Line { get; }

    /// <summary>One line saying what is wrong, without the file or line (YamlDotNet's message, or the bound).</summary>
    public string Reason { get; }

    /// <summary><c>file:line</c>, or <c>file</c> when the line is not known.</summary>
    public string Where(string file) => Line is { } line ? $"{file}:{line}" : file;
}
