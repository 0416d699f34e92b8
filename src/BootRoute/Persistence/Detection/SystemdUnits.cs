namespace BootRoute.Persistence.Detection;

/// <summary>Whether a unit is enabled: `systemctl enable` links it into a wants directory under /etc.</summary>
internal static class SystemdUnits
{
    // The link's name is enough: in an image tree its target (/lib/systemd/system/…) may only make
    // sense inside the image.
    public static bool IsEnabled(IRootFileSystem files, string unit) =>
        Paths.Stacks.SystemdWantsDirectories.Any(directory => files.FileNames(directory).Contains(unit, StringComparer.Ordinal));
}
