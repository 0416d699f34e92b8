namespace BootRoute.Sysctl;

/// <summary><see cref="ISysctl"/> over /proc/sys, which shows the sysctls of the reader's network namespace.</summary>
public sealed class ProcSysctl(string root = Paths.Kernel.SysctlRoot) : ISysctl
{
    public string? Read(string key)
    {
        try
        {
            return TextFile.Read(Path.Combine(root, key)).Trim();
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Write(string key, string value) => File.WriteAllText(Path.Combine(root, key), value + "\n");
}
