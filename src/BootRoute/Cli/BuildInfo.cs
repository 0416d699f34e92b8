using System.Reflection;

namespace BootRoute.Cli;

/// <summary>
/// <c>bootroute --version</c>: "bootroute 0.1.0 (commit 89f4940…)". The SDK appends "+&lt;commit&gt;"
/// to the informational version when the build knows SourceRevisionId (from git, or passed in by
/// build/build.sh); a build from a tarball says "commit unknown".
/// </summary>
internal static class BuildInfo
{
    public static string Describe()
    {
        string informational = typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = informational.IndexOf('+', StringComparison.Ordinal);
        string version = plus < 0 ? informational : informational[..plus];
        string commit = plus < 0 || plus == informational.Length - 1 ? "unknown" : informational[(plus + 1)..];
        return $"bootroute {version} (commit {commit})";
    }
}
