using System.Text;

namespace BootRoute.Install;

/// <summary>
/// What one root's installs wrote: the layout, each file placed, each directory created. Uninstall
/// removes exactly these, so a root goes back to how it was before the first install. Text, one
/// entry a line: <c>layout /usr/local</c>, <c>file /etc/default/bootroute</c>, <c>dir /etc/bootroute</c>.
/// </summary>
public sealed record InstallRecord(string Prefix, IReadOnlyList<string> Files, IReadOnlyList<string> Directories)
{
    public static InstallRecord? Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        string? prefix = null;
        var files = new List<string>();
        var directories = new List<string>();
        foreach (var line in content.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                continue;
            }
            string path = line[(space + 1)..];
            switch (line[..space])
            {
                case "layout":
                    prefix = path;
                    break;
                case "file":
                    files.Add(path);
                    break;
                case "dir":
                    directories.Add(path);
                    break;
            }
        }
        return prefix is null ? null : new InstallRecord(prefix, files, directories);
    }

    /// <summary>This record plus a later install's entries (a re-install must not forget the first one's directories).</summary>
    public InstallRecord Including(IEnumerable<string> files, IEnumerable<string> directories) =>
        this with
        {
            Files = Files.Concat(files).Distinct(StringComparer.Ordinal).ToList(),
            Directories = Directories.Concat(directories).Distinct(StringComparer.Ordinal).ToList(),
        };

    public string Render()
    {
        var text = new StringBuilder("# Written by bootroute install; read by bootroute uninstall.\n");
        text.Append("layout ").Append(Prefix).Append('\n');
        foreach (var file in Files)
        {
            text.Append("file ").Append(file).Append('\n');
        }
        foreach (var directory in Directories)
        {
            text.Append("dir ").Append(directory).Append('\n');
        }
        return text.ToString();
    }
}
