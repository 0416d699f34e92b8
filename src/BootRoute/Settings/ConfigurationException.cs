namespace BootRoute.Settings;

/// <summary>
/// Bad settings. The message is one line that names where (file and line, or environment variable,
/// or flag), the key path and the rule broken, e.g.
/// <c>/etc/bootroute/bootroute.yaml:4: interfaces[0].table: must be a number from 1 to 4294967295, not "abc"</c>.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message) : base(message) { }
    public ConfigurationException(string message, Exception inner) : base(message, inner) { }
    public ConfigurationException() { }
}
