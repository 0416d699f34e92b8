using System.CommandLine;
using BootRoute.Install;
using BootRoute.Reporting;
using BootRoute.Stages;

namespace BootRoute.Cli.Commands;

/// <summary>
/// <c>bootroute install [--root DIR] [--prefix /usr/local|/usr]</c> and <c>bootroute uninstall
/// [--root DIR]</c>: files only, never the kernel (see <see cref="Installer"/>).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class InstallCommands
{
    public static void AddTo(Command root)
    {
        var installRoot = new Option<string>("--root")
        {
            Description = "Root file system to install into, e.g. a mounted image (default /)",
            DefaultValueFactory = _ => "/",
        };
        var prefix = new Option<string>("--prefix")
        {
            Description = "/usr/local (default: a local install) or /usr (the distribution's layout, as the .deb uses)",
            DefaultValueFactory = _ => Paths.Install.LocalPrefix,
        };
        var install = new Command("install", "Place the binary, systemd unit, default settings, iproute2 names and DHCP hooks into a root file system; never touches the running network")
        {
            installRoot, prefix,
        };
        var uninstallRoot = new Option<string>("--root")
        {
            Description = "Root file system to uninstall from (default /)",
            DefaultValueFactory = _ => "/",
        };
        var uninstall = new Command("uninstall", "Remove what install placed (settings you edited are kept); never touches the running network")
        {
            uninstallRoot,
        };
        install.SetAction(result => Run(() =>
        {
            string wanted = result.GetValue(prefix)!;
            var layout = InstallLayout.ForPrefix(wanted)
                ?? throw new InstallException($"--prefix {wanted}: must be {Paths.Install.LocalPrefix} or {Paths.Install.PackagePrefix}");
            string binary = Environment.ProcessPath
                ?? throw new InstallException("cannot tell where the running bootroute binary is");
            return new Installer(result.GetValue(installRoot)!).Install(layout, binary, BashCompletion.Render(root));
        }));
        uninstall.SetAction(result => Run(() =>
        {
            // What apply persisted into the network stack's files goes first: once the binary is gone
            // nothing could take it out again, and the stack would keep recreating BootRoute's state.
            string target = result.GetValue(uninstallRoot)!;
            var reverted = RemoveStage.RevertPersistence(target);
            if (!reverted.Succeeded)
            {
                throw new IOException($"could not revert the persisted network files under {target}: {reverted.Error}; nothing was uninstalled");
            }
            return [.. reverted.Written.Select(change => $"{(change.After is null ? "removed" : "reverted")} {change.Path} (persisted by apply)"),
                .. reverted.Notes, .. new Installer(target).Uninstall()];
        }));
        root.Subcommands.Add(install);
        root.Subcommands.Add(uninstall);
    }

    private static int Run(Func<IReadOnlyList<string>> action)
    {
        IReadOnlyList<string> lines;
        try
        {

            lines = action();
        }
        catch (InstallException error)
        {
            Stderr.Line($"{error.Message}; nothing changed");
            return ExitCodes.UsageOrConfiguration;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Stderr.Line($"{error.Message}");
            return ExitCodes.ApplyFailed;
        }
        foreach (var line in lines)
        {
            Console.Out.WriteLine(line);
        }
        return ExitCodes.Success;
    }
}
