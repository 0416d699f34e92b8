using System.Runtime.Versioning;
using BootRoute.Cli.Commands;
using BootRoute.Install;
using BootRoute.Naming;
using BootRoute.Reporting;
using BootRoute.Settings;
using BootRoute.State;
using Xunit;

namespace BootRoute.Tests;

/// <summary>
/// <see cref="Paths.HostOwned"/> (what <c>bootroute paths --owned</c> prints and tests/test.sh checks
/// the machine against) covers everything BootRoute writes by default: found by running the writers
/// into scratch roots, not by a second list. Persistence's files: PersisterTests.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PathsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bootroute-paths-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string> Prefixes => [Paths.Install.LocalPrefix, Paths.Install.PackagePrefix];

    [Theory]
    [MemberData(nameof(Prefixes))]
    public void Every_file_install_writes_is_host_owned(string prefix)
    {
        string binary = Path.Join(Directory.CreateTempSubdirectory("bootroute-paths-bin-").FullName, "bootroute");
        File.WriteAllText(binary, "#!/bin/sh\n");
        try
        {
            new Installer(_root).Install(InstallLayout.ForPrefix(prefix)!, binary, "");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(binary)!, recursive: true);
        }

        var written = HostOwnedPaths.FilesUnder(_root).ToList();
        Assert.Contains(Paths.Install.Record, written);
        Assert.All(written, path => Assert.True(HostOwnedPaths.Covers(path, Paths.OwnedKind.Created), $"install wrote {path}, which bootroute paths --owned does not list"));
    }

    [Fact]
    public void The_iproute2_name_files_are_host_owned()
    {
        new RouteNameFiles(_root).Write(Persistence.PersistenceSamples.Plan());

        var written = HostOwnedPaths.FilesUnder(_root).ToList();
        Assert.Equal(2, written.Count);
        Assert.All(written, path => Assert.True(HostOwnedPaths.Covers(path, Paths.OwnedKind.Created), $"{path} is not listed"));
    }

    [Fact]
    public void The_state_directory_and_everything_in_it_are_host_owned()
    {
        string directory = AgentSettings.Defaults.State.Directory;

        Assert.True(HostOwnedPaths.Covers(directory, Paths.OwnedKind.Created));
        Assert.True(HostOwnedPaths.Covers(StatusFile.PathIn(directory), Paths.OwnedKind.Created));
        Assert.True(HostOwnedPaths.Covers(RunLock.PathIn(directory), Paths.OwnedKind.Created));
        Assert.True(HostOwnedPaths.Covers(new FileStateStore(directory).FilePath, Paths.OwnedKind.Created));
    }

    [Fact]
    public void A_path_nobody_listed_is_not_covered()
    {
        Assert.False(HostOwnedPaths.Covers("/etc/passwd", Paths.OwnedKind.Created, Paths.OwnedKind.MarkedBlock));
        Assert.False(HostOwnedPaths.Covers(Paths.Stacks.DhcpcdConf, Paths.OwnedKind.Created));
        Assert.False(HostOwnedPaths.Covers("/run/bootroute-other", Paths.OwnedKind.Created));
    }

    [Fact]
    public void The_command_prints_one_entry_per_line_and_marks_the_image_files()
    {
        var lines = PathsCommand.OwnedLines().ToList();

        Assert.Equal(Paths.HostOwned.Count, lines.Count);
        Assert.All(lines, line => Assert.StartsWith("/", line, StringComparison.Ordinal));
        Assert.Contains(Paths.State.Directory, lines);
        Assert.Contains(Paths.Stacks.DhcpcdConf + PathsCommand.MarkedBlockSuffix, lines);
        Assert.DoesNotContain(Paths.Stacks.NetplanFile + PathsCommand.MarkedBlockSuffix, lines);
        Assert.Equal(lines.Count, lines.Distinct(StringComparer.Ordinal).Count());
    }
}
