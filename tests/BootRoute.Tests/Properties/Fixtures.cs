namespace BootRoute.Tests.Properties;

/// <summary>The captured real files under Fixtures/, as seeds for the mutators.</summary>
internal static class Fixtures
{
    public static string[] Texts(string family, string pattern = "*") =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", family), pattern, SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(".md", StringComparison.Ordinal) && !path.EndsWith(".sh", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();

    public static byte[][] Bytes(string family) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", family), "*.lease")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToArray();
}
