using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using BootRoute.Install;
using BootRoute.Reporting;
using BootRoute.Stages;

namespace BootRoute.Cli.Commands;

/// <summary>
/// <c>bootroute install [--root DIR] [--prefix /usr/local|/usr]</c> and <c>bootroute uninstall
/// [--root DIR]</c>: files only, never the kernel (see <see cref="Installer"/>). <c>--json</c> prints the
/// lines as a JSON object; <c>--config</c> and <c>--set</c>, which every other command takes, are refused
/// here rather than ignored: install lays the default settings file, and neither command reads settings.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class InstallCommands
{
    public static void AddTo(Command root, GlobalOptions options)
    {
        var installRoot = new Option<string>("--root")
        {
            Description = "Root file system to install into, e.g. a mounted image",
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
            Description = "Root file system to uninstall from",
            DefaultValueFactory = _ => "/",
        };
        var uninstall = new Command("uninstall", "Remove what install placed (settings you edited are kept); never touches the running network")
        {
            uninstallRoot,
        };
        install.SetAction(result => Run(result, options, () =>
        {
            string wanted = result.GetValue(prefix)!;
            var layout = InstallLayout.ForPrefix(wanted)
                ?? throw new InstallException($"--prefix {wanted}: must be {Paths.Install.LocalPrefix} or {Paths.Install.PackagePrefix}");
            string binary = Environment.ProcessPath
                ?? throw new InstallException("cannot tell where the running bootroute binary is");
            return new Installer(result.GetValue(installRoot)!).Install(layout, binary, BashCompletion.Render(root));
        }));
        uninstall.SetAction(result => Run(result, options, () =>
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

    private static int Run(ParseResult result, GlobalOptions options, Func<IReadOnlyList<string>> action)
    {
        string command = result.CommandResult.Command.Name;
        bool json = result.GetValue(options.Json);
        if (result.GetResult(options.Config) is not null || result.GetResult(options.Set) is not null)
        {
            return Failed(command, json, ExitCodes.UsageOrConfiguration,
                $"{command}: --config and --set do nothing here ({command} reads no settings; install lays the default settings file, edit it afterwards); nothing changed");
        }
        IReadOnlyList<string> lines;
        try
        {
            lines = action();
        }
        catch (InstallException error)
        {
            return Failed(command, json, ExitCodes.UsageOrConfiguration, $"{error.Message}; nothing changed");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Failed(command, json, ExitCodes.ApplyFailed, error.Message);
        }
        if (json)
        {
            WriteJson(command, ExitCodes.Success, lines, null);
            return ExitCodes.Success;
        }
        foreach (var line in lines)
        {
            Console.Out.WriteLine(line);
        }
        return ExitCodes.Success;
    }

    private static int Failed(string command, bool json, int exitCode, string message)
    {
        Stderr.Line(message);
        if (json)
        {
            WriteJson(command, exitCode, [], message);
        }
        return exitCode;
    }

    /// <summary><c>{"command": "install", "exitCode": 0, "changes": ["installed …", …], "error": "…"}</c>, escaped as the reports are.</summary>
    private static void WriteJson(string command, int exitCode, IReadOnlyList<string> changes, string? error)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("command", command);
            writer.WriteNumber("exitCode", exitCode);
            writer.WriteStartArray("changes");
            foreach (var change in changes)
            {
                writer.WriteStringValue(change);
            }
            writer.WriteEndArray();
            if (error is not null)
            {
                writer.WriteString("error", error);
            }
            writer.WriteEndObject();
        }
        stdout.Write("\n"u8);
    }
}
