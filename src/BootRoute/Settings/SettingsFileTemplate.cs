using System.Text;

namespace BootRoute.Settings;

/// <summary>
/// The settings file the installer writes: every key of <see cref="SettingsSchema"/> commented out
/// with its built-in default and its line of documentation, so a fresh install runs on the defaults
/// (automatic mode) and the file cannot drift from the schema.
/// </summary>
internal static class SettingsFileTemplate
{
    /// <summary>Where the comment after a value starts, so the documentation reads as one column.</summary>
    private const int CommentColumn = 30;

    public static string Text { get; } = Render();

    private static string Render()
    {
        var text = new StringBuilder("""
            # BootRoute settings. Every key is optional: with none, every NIC that has a DHCP lease is
            # managed (automatic mode). Reference: /usr/share/doc/bootroute or docs/configuration.md.
            # Drop-ins: /etc/bootroute/conf.d/*.yaml, read in name order after this file. Lines that
            # start with '#' and no space (or two) are settings: remove the '#' to use one. Values
            # shown are the built-in defaults; a key left empty keeps its default.
            #

            """);
        Line(text, "#interfaces:", "list NICs to manage only those (and wait for them at boot)");
        Line(text, "#  - name: ens3", null);
        Line(text, "#    primary: true", InterfaceDoc("primary"));
        Line(text, "#  - match: {mac: fa:16:3e:00:00:04}", null);
        Line(text, "#    floating_ip: 203.0.113.10", InterfaceDoc("floating_ip"));
        foreach (var section in SettingsSchema.Keys.GroupBy(key => key.Section))
        {
            Line(text, $"#{section.Key}:", null);
            foreach (var key in section)
            {
                Line(text, $"#  {key.Name}: {key.YamlDefault}".TrimEnd(), key.Doc);
            }
        }
        return text.ToString();
    }

    private static string InterfaceDoc(string name) => SettingsSchema.InterfaceEntry.First(key => key.Path == name).Doc;

    private static void Line(StringBuilder text, string setting, string? doc)
    {
        text.Append(setting);
        if (doc is not null)
        {
            text.Append(' ', Math.Max(1, CommentColumn - setting.Length)).Append("# ").Append(doc);
        }
        text.Append('\n');
    }
}
