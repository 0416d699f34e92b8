using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace BootRoute.Lab;

/// <summary>
/// What ships, checked with the real tools: cloud-init's own schema check on every user-data file,
/// systemd-analyze on the unit, `bootroute install`/`uninstall` into scratch roots against the list
/// docs/operations.md documents, the DHCP hooks run by sh the way their clients run them, and the
/// .deb installed, run and purged with dpkg in a scratch root. Nothing touches the machine's /etc.
/// </summary>
public sealed partial class PackagingTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(120);
    private readonly List<string> scratch = [];

    private static string Repo => RepoPaths.FindRepoRoot() ?? throw new InvalidOperationException("no repository root above the test assembly");

    [Fact]
    public void CloudInitUserData_PassesCloudInitsOwnSchemaCheck()
    {
        var files = Directory.GetFiles(Path.Combine(Repo, "cloud-init"), "*.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 3, $"expected the runcmd, per-boot and bootcmd user-data, found: {string.Join(", ", files)}");
        foreach (var file in files)
        {
            var r = Run(CloudInit(), ["schema", "--config-file", file]);
            Assert.True(r.ExitCode == 0 && r.Stdout.Contains("Valid cloud-config", StringComparison.Ordinal), $"{file}:\n{r}");
            Assert.DoesNotContain("deprecat", r.Stdout + r.Stderr, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void CloudInitSchemaCheck_RejectsABrokenFile()
    {
        // Proof that the check above can fail: runcmd must be a list, permissions a string.
        string bad = Path.Combine(Scratch(), "bad.yaml");
        File.WriteAllText(bad, "#cloud-config\nruncmd: 5\nwrite_files:\n  - path: /x\n    permissions: 755\n");
        var r = Run(CloudInit(), ["schema", "--config-file", bad]);
        Assert.True(r.ExitCode != 0, $"cloud-init accepted a broken file:\n{r}");
        Assert.Contains("runcmd", r.Stdout + r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_PassesSystemdAnalyzeVerify_AndABrokenOneDoesNot()
    {
        string root = InstallInto(Scratch());
        string unit = File.ReadAllText(Path.Combine(root, "etc/systemd/system/bootroute.service"));
        // systemd-analyze checks that ExecStart's binary exists: point it at the installed copy.
        string binary = Path.Combine(root, "usr/local/sbin/bootroute");
        string checkedUnit = Path.Combine(Scratch(), "bootroute.service");
        File.WriteAllText(checkedUnit, unit.Replace("ExecStart=/usr/local/sbin/bootroute", $"ExecStart={binary}", StringComparison.Ordinal));
        Assert.Contains($"ExecStart={binary} apply", File.ReadAllText(checkedUnit), StringComparison.Ordinal);

        var r = Run("systemd-analyze", ["verify", "--man=no", checkedUnit]);
        Assert.True(r.ExitCode == 0 && r.Stderr.Trim().Length == 0, $"systemd-analyze verify complained:\n{r}");

        File.WriteAllText(checkedUnit, File.ReadAllText(checkedUnit).Replace("Type=notify", "Type=notify\nRestartPreventExitStatus=two", StringComparison.Ordinal));
        var broken = Run("systemd-analyze", ["verify", "--man=no", checkedUnit]);
        Assert.True(broken.Stderr.Contains("Failed to parse value, ignoring: two", StringComparison.Ordinal), $"systemd-analyze did not notice a bad line:\n{broken}");
    }

    /// <summary>
    /// bootroute-lease.path and .service as installed, checked together with bootroute.service and a
    /// target pulling all three in with basic.target, as multi-user.target does at boot: systemd-analyze
    /// then builds that start transaction and reports an ordering cycle, such as the one the path unit's
    /// default Before=paths.target would close with its After=bootroute.service.
    /// </summary>
    [Fact]
    public void LeaseUnits_PassSystemdAnalyzeVerify_WithoutAnOrderingCycle_AndWithDefaultDependenciesTheyWouldNot()
    {
        string root = InstallInto(Scratch());
        string binary = Path.Combine(root, "usr/local/sbin/bootroute");
        string units = Scratch();
        foreach (var name in new[] { "bootroute.service", "bootroute-lease.path", "bootroute-lease.service" })
        {
            string text = File.ReadAllText(Path.Combine(root, "etc/systemd/system", name));
            // systemd-analyze checks that the binaries exist: point them at the installed copy.
            File.WriteAllText(Path.Combine(units, name), text.Replace(" /usr/local/sbin/bootroute ", $" {binary} ", StringComparison.Ordinal)
                .Replace("ExecStart=/usr/local/sbin/bootroute", $"ExecStart={binary}", StringComparison.Ordinal));
        }
        Assert.Contains($"' {binary} $BOOTROUTE_ARGS", File.ReadAllText(Path.Combine(units, "bootroute-lease.service")), StringComparison.Ordinal);
        string boot = Path.Combine(units, "boot-test.target");
        File.WriteAllText(boot, "[Unit]\nDescription=multi-user.target's part in this\nWants=basic.target bootroute.service bootroute-lease.path\n");

        var r = Run("systemd-analyze", ["verify", "--man=no", boot, Path.Combine(units, "bootroute-lease.service")]);
        Assert.True(r.ExitCode == 0 && r.Stderr.Trim().Length == 0, $"systemd-analyze verify complained:\n{r}");

        string path = Path.Combine(units, "bootroute-lease.path");
        File.WriteAllText(path, File.ReadAllText(path).Replace("DefaultDependencies=no\n", "", StringComparison.Ordinal));
        var cycle = Run("systemd-analyze", ["verify", "--man=no", boot]);
        Assert.True(cycle.Stderr.Contains("Found ordering cycle", StringComparison.Ordinal), $"systemd-analyze found no cycle with the default dependencies:\n{cycle}");
    }

    [Fact]
    public void Install_PlacesExactlyTheDocumentedFiles_AndUninstallEmptiesTheRoot()
    {
        string root = InstallInto(Scratch());
        var documented = DocumentedFiles();
        Assert.True(documented.Count >= 10, $"docs/operations.md lists {documented.Count} files");
        Assert.Equal(documented, Listing(root, directories: false));
        Assert.All(Listing(root, directories: true).Where(entry => entry.EndsWith('/')), directory => Assert.StartsWith("755 ", directory, StringComparison.Ordinal));
        // The hooks point at the installed binary, so nothing else has to know where it went.
        Assert.Contains("BOOTROUTE_BIN=/usr/local/sbin/bootroute", File.ReadAllText(Path.Combine(root, "etc/dhcp/dhclient-exit-hooks.d/zz-bootroute")), StringComparison.Ordinal);

        var un = Run(RepoPaths.AgentBinary(), ["uninstall", "--root", root]);
        Assert.True(un.Succeeded, un.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public void InstallThenUninstall_LeavesAPopulatedRootAsItWas()
    {
        string root = Scratch();
        Write(root, "etc/dhcp/dhclient-exit-hooks.d/rfc3442-classless-routes", "# Debian's\n");
        Write(root, "etc/default/grub", "GRUB_TIMEOUT=5\n");
        Write(root, "usr/lib/dhcpcd/dhcpcd-hooks/20-resolv.conf", "# dhcpcd's\n");
        Write(root, "etc/bootroute/bootroute.yaml", "interfaces:\n  - name: ens3\n    primary: true\n");
        Write(root, "etc/iproute2/rt_tables", "255\tlocal\n254\tmain\n");
        var before = Snapshot(root);

        var install = Run(RepoPaths.AgentBinary(), ["install", "--root", root]);
        Assert.True(install.Succeeded, install.ToString());
        Assert.Contains("kept       /etc/bootroute/bootroute.yaml", install.Stdout, StringComparison.Ordinal);
        Assert.Equal("interfaces:\n  - name: ens3\n    primary: true\n", File.ReadAllText(Path.Combine(root, "etc/bootroute/bootroute.yaml")));
        // A second install (an upgrade) changes nothing uninstall cannot undo.
        Assert.True(Run(RepoPaths.AgentBinary(), ["install", "--root", root]).Succeeded);

        var un = Run(RepoPaths.AgentBinary(), ["uninstall", "--root", root]);
        Assert.True(un.Succeeded, un.ToString());
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public void Uninstall_AlsoTakesOutWhatApplyPersistedIntoTheImage()
    {
        string root = Scratch();
        Write(root, "etc/netplan/50-cloud-init.yaml", "network:\n  version: 2\n  ethernets:\n    ens3: {dhcp4: true}\n");
        Write(root, "etc/dhcpcd.conf", "# the image's own\nipv4only\n");
        var before = Snapshot(root);
        InstallInto(root);
        // What an apply persisted (issue 7): a file of BootRoute's own and a block in the image's file.
        Write(root, "etc/netplan/90-bootroute.yaml", "# Written by bootroute apply; removed by bootroute remove. Do not edit.\nnetwork:\n  version: 2\n");
        File.AppendAllText(Path.Combine(root, "etc/dhcpcd.conf"), "# BEGIN bootroute\ninterface ens4\nnogateway\n# END bootroute\n");

        var un = Run(RepoPaths.AgentBinary(), ["uninstall", "--root", root]);

        Assert.True(un.Succeeded, un.ToString());
        Assert.Contains("removed /etc/netplan/90-bootroute.yaml (persisted by apply)", un.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public void InstallWithABadRoot_SaysSoInOneLine_AndExits2()
    {
        var r = Run(RepoPaths.AgentBinary(), ["install", "--root", "/nonexistent/bootroute-root"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("bootroute: --root /nonexistent/bootroute-root: no such directory; nothing changed", r.Stderr.Trim());
        var prefix = Run(RepoPaths.AgentBinary(), ["install", "--root", Scratch(), "--prefix", "/opt"]);
        Assert.Equal(2, prefix.ExitCode);
        Assert.Contains("--prefix /opt: must be /usr/local or /usr", prefix.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Deb_InstallsIntoAScratchRoot_RunsAndPurgesClean()
    {
        string deb = PackageFile("BOOTROUTE_DEB", "bootroute_*_amd64.deb");
        var contents = Run("dpkg-deb", ["--contents", deb]);
        Assert.True(contents.Succeeded, contents.ToString());
        Assert.Contains("./usr/share/man/man8/bootroute.8.gz", contents.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"root/root .* \./usr/sbin/bootroute", contents.Stdout);

        // A fresh dpkg database in a scratch root; maintainer scripts run outside a chroot (the
        // root has no shell) with DPKG_ROOT set, which they honour.
        string root = Scratch();
        Directory.CreateDirectory(Path.Combine(root, "var/lib/dpkg/info"));
        Directory.CreateDirectory(Path.Combine(root, "var/lib/dpkg/updates"));
        File.WriteAllText(Path.Combine(root, "var/lib/dpkg/status"), "");
        var before = Snapshot(root, skip: "var/lib/dpkg");
        string[] dpkg = [$"--root={root}", "--force-script-chrootless", "--force-depends"];

        var install = Run("dpkg", [.. dpkg, "-i", deb]);
        Assert.True(install.Succeeded, install.ToString());
        var version = Run(Path.Combine(root, "usr/sbin/bootroute"), ["--version"]);
        Assert.True(version.Succeeded, version.ToString());
        Assert.Matches(@"^bootroute \d+\.\d+\.\d+\S* \(commit [0-9a-f]{40}\)$", version.Stdout.Trim());
        var owned = Run("dpkg", [$"--root={root}", "-L", "bootroute"]);
        Assert.Contains("/etc/dhcp/dhclient-exit-hooks.d/zz-bootroute", owned.Stdout, StringComparison.Ordinal);
        Assert.Equal("/usr/lib/systemd/system/bootroute.service",
            new FileInfo(Path.Combine(root, "etc/systemd/system/multi-user.target.wants/bootroute.service")).LinkTarget);
        Assert.Equal("/usr/lib/systemd/system/bootroute-lease.path",
            new FileInfo(Path.Combine(root, "etc/systemd/system/multi-user.target.wants/bootroute-lease.path")).LinkTarget);

        var purge = Run("dpkg", [.. dpkg, "--purge", "bootroute"]);
        Assert.True(purge.Succeeded, purge.ToString());
        Assert.Equal(before, Snapshot(root, skip: "var/lib/dpkg"));
        var status = Run("dpkg-query", [$"--admindir={root}/var/lib/dpkg", "-W", "-f=${db:Status-Status}", "bootroute"]);
        Assert.True(!status.Succeeded || status.Stdout.Trim() == "not-installed", $"still known to dpkg:\n{status}");
    }

    [Fact]
    public void StderrLines_CarryJournalPriorities_OnlyWhenStderrIsTheJournal()
    {
        // A missing --config file stops the run before it reads the kernel: exit 2, one stderr line.
        string missing = Path.Combine(Scratch(), "missing.yaml");
        var journal = Run(RepoPaths.AgentBinary(), ["plan", "--config", missing], new Dictionary<string, string> { ["BOOTROUTE_LOG_PRIORITIES"] = "1" });
        Assert.Equal(2, journal.ExitCode);
        Assert.Equal($"<3>bootroute: {missing}: settings file not found", journal.Stderr.Trim());

        // JOURNAL_STREAM inherited while stderr is a pipe: plain lines.
        var plain = Run(RepoPaths.AgentBinary(), ["plan", "--config", missing], new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:12345" });
        Assert.Equal($"bootroute: {missing}: settings file not found", plain.Stderr.Trim());
    }

    /// <summary>
    /// What this proves is only the Dockerfile's text: its build stage runs build/build.sh, as CI does,
    /// and its artifact stage exports what that script makes. The image itself is not built here: the
    /// base images come from a container registry the CI machines cannot reach.
    /// </summary>
    [Fact]
    public void DockerfileText_CallsTheBuildScript_AndCopiesItsOutputs()
    {
        string dockerfile = File.ReadAllText(Path.Combine(Repo, "Dockerfile"));
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", dockerfile);
        Assert.Matches(@"(?m)^RUN .*build/build\.sh /out", dockerfile);
        Assert.Matches(@"(?m)^COPY --from=build /out/bootroute_\*\.deb /out/bootroute-\*\.rpm /out/bootroute /$", dockerfile);
        Assert.Matches(@"(?m)^COPY --from=build /out/arm64/bootroute /arm64/$", dockerfile);
        Assert.True(File.Exists(Path.Combine(Repo, "build/build.sh")));
    }

    /// <summary>The files docs/operations.md lists between its install-files markers, as "mode path" or "link path -> target".</summary>
    private static List<string> DocumentedFiles()
    {
        string doc = File.ReadAllText(Path.Combine(Repo, "docs/operations.md"));
        var section = Regex.Match(doc, "<!-- install-files -->(.*?)<!-- /install-files -->", RegexOptions.Singleline);
        Assert.True(section.Success, "docs/operations.md has no <!-- install-files --> section");
        var files = new List<string>();
        foreach (Match row in DocumentedRow().Matches(section.Groups[1].Value))
        {
            files.Add(row.Groups["link"].Success
                ? $"link {row.Groups["path"].Value} -> {row.Groups["link"].Value}"
                : $"{row.Groups["mode"].Value} {row.Groups["path"].Value}");
        }
        return files.Order(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"^\| `(?<path>/[^`]+)` \| (?:(?<mode>[0-7]{3})|link to `(?<link>/[^`]+)`) \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedRow();

    /// <summary>Every entry under root: "755 /etc/" for directories, "644 /etc/x" for files, "link /a -> /b".</summary>
    private static List<string> Listing(string root, bool directories)
    {
        var entries = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(path);
            string relative = "/" + Path.GetRelativePath(root, path);
            if (info.LinkTarget is { } target)
            {
                entries.Add($"link {relative} -> {target}");
            }
            else if (Directory.Exists(path))
            {
                if (directories) entries.Add($"{Convert.ToString((int)File.GetUnixFileMode(path), 8)} {relative}/");
            }
            else
            {
                entries.Add($"{Convert.ToString((int)File.GetUnixFileMode(path), 8)} {relative}");
            }
        }
        return entries.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Paths, modes, link targets and content hashes of everything under root (but <paramref name="skip"/>).</summary>
    private static List<string> Snapshot(string root, string? skip = null) =>
        Listing(root, directories: true)
            .Where(entry => skip is null || !entry.Contains($" /{skip}", StringComparison.Ordinal))
            .Select(entry =>
            {
                string path = entry[(entry.IndexOf(' ', StringComparison.Ordinal) + 1)..];
                string full = Path.Join(root, path);
                return File.Exists(full) && !entry.StartsWith("link ", StringComparison.Ordinal)
                    ? $"{entry} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(full)))}"
                    : entry;
            })
            .ToList();

    private string InstallInto(string root)
    {
        var r = Run(RepoPaths.AgentBinary(), ["install", "--root", root]);
        Assert.True(r.Succeeded, r.ToString());
        return root;
    }

    private static void Write(string root, string relative, string content)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>$BOOTROUTE_CLOUD_INIT (tests/test.sh points it at Debian's cloud-init, extracted), else cloud-init on PATH.</summary>
    private static string CloudInit()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("BOOTROUTE_CLOUD_INIT");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(directory => Path.Combine(directory, "cloud-init")).FirstOrDefault(File.Exists);
        Assert.True(onPath is not null, "cloud-init not found: set BOOTROUTE_CLOUD_INIT (tests/test.sh extracts Debian's cloud-init package) or install it");
        return onPath!;
    }

    private string Scratch()
    {
        string path = Directory.CreateTempSubdirectory("bootroute-packaging-").FullName;
        scratch.Add(path);
        return path;
    }

    private ProcessResult Run(string file, string[] args, IReadOnlyDictionary<string, string>? env = null)
    {
        var r = ProcessRunner.Run(file, args, ToolTimeout, env);
        output.WriteLine(r.ToString());
        return r;
    }

    public void Dispose()
    {
        foreach (var path in scratch)
        {
            try { Directory.Delete(path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
