using System.Text.Json;

namespace BootRoute.Discovery;

/// <summary>
/// A JSON string's text without <see cref="JsonElement.GetString"/>'s one surprise: JSON lets a string
/// escape a lone surrogate (<c>"\ud800"</c>), which is valid JSON but no UTF-16 text, and GetString
/// throws <see cref="InvalidOperationException"/> for it, outside the <see cref="JsonException"/> a
/// parser catches. Lease files and metadata come from others, so that must be a bad value, not a crash.
/// </summary>
internal static class JsonStrings
{
    /// <summary>The string's text; null when <paramref name="element"/> is not a string or does not decode.</summary>
    public static string? Get(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
