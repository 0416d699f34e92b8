using System.Text.RegularExpressions;
using Xunit;

namespace BootRoute.Lab;

/// <summary>
/// The RPM build/build.sh makes (build/rpm.sh), checked with rpm itself: its file list against the
/// .deb's (one install tree for both), its scriptlets, and a real install, run and erase in a scratch
/// root laid out as RHEL's own packages leave it. rpm runs the Lua scriptlets chrooted into that root.
/// </summary>
public sealed partial class PackagingTests
{
    /// <summary>What RHEL's filesystem, systemd, NetworkManager, dhcp-client and iproute packages own: build/rpm.sh owns none of them.</summary>
    private static readonly string[] RhelDirectories =
    [
        "etc/default", "etc/dhcp/dhclient.d", "etc/NetworkManager/dispatcher.d", "etc/iproute2",
        "etc/systemd/system/multi-user.target.wants", "usr/sbin", "usr/lib/systemd/system", "usr/share/doc",
        "usr/share/man/man8", "usr/share/bash-completion/completions",
    ];

    private const string WantsLink = "/etc/systemd/system/multi-user.target.wants/bootroute.service";

    /// <summary>The path unit re-applying on NetworkManager's lease writes: enabled the same way.</summary>
    private const string LeaseWantsLink = "/etc/systemd/system/multi-user.target.wants/bootroute-lease.path";

    [Fact]
    public void Rpm_HoldsTheDebsFiles_ButEnablesTheUnitFromItsScriptlet()
    {
        string rpm = PackageFile("BOOTROUTE_RPM", "bootroute-*-1.x86_64.rpm");
        var debFiles = Run("dpkg-deb", ["--contents", PackageFile("BOOTROUTE_DEB", "bootroute_*_amd64.deb")]).Stdout
            .Split('\n').Where(line => line.StartsWith('-') || line.StartsWith('l'))
            .Select(line => DebPath().Match(line).Groups["path"].Value).Order(StringComparer.Ordinal).ToList();
        var listing = Run("rpm", ["-qplv", rpm]);
        Assert.True(listing.Succeeded, listing.ToString());
        var rpmFiles = listing.Stdout.Split('\n').Where(line => line.StartsWith('-'))
            .Select(line => line[line.IndexOf(" /", StringComparison.Ordinal)..].Trim()).Order(StringComparer.Ordinal).ToList();
        Assert.True(debFiles.Count >= 15, string.Join("\n", debFiles));
        Assert.Contains(LeaseWantsLink, debFiles);
        Assert.Equal(debFiles.Where(path => path != WantsLink && path != LeaseWantsLink), rpmFiles);
        Assert.Contains("/etc/dhcp/dhclient.d/bootroute.sh", rpmFiles);
        Assert.Matches(@"(?m)^-rwxr-xr-x .* root +root .* /etc/dhcp/dhclient\.d/bootroute\.sh$", listing.Stdout);
        Assert.Matches(@"(?m)^drwxr-xr-x .* /etc/bootroute$", listing.Stdout);
        Assert.DoesNotMatch(@"(?m) /(etc|usr|usr/sbin|etc/dhcp|usr/lib/systemd/system)$", listing.Stdout);

        // %config(noreplace): the files under /etc an administrator edits, as the .deb's conffiles.
        var config = Run("rpm", ["-qp", "--qf", "[%{FILEFLAGS:fflags} %{FILENAMES}\n]", rpm]).Stdout;
        Assert.Matches(@"(?m)^cn /etc/bootroute/bootroute\.yaml$", config);
        Assert.Matches(@"(?m)^cn /etc/default/bootroute$", config);
        Assert.Matches(@"(?m)^ /etc/iproute2/rt_tables\.d/bootroute\.conf$", config);
        Assert.Matches(@"(?m)^ /usr/sbin/bootroute$", config);

        var scripts = Run("rpm", ["-qp", "--scripts", rpm]);
        // Each link with its unit in the table the scriptlets walk: %post links them, %preun removes them.
        foreach (var (link, unit) in new[] { (WantsLink, "/usr/lib/systemd/system/bootroute.service"), (LeaseWantsLink, "/usr/lib/systemd/system/bootroute-lease.path") })
        {
            Assert.Matches(@"postinstall scriptlet \(using <lua>\):\n(.*\n)*.*\{""" + Regex.Escape(link) + @""", """ + Regex.Escape(unit) + @"""\}(.*\n)*.*posix\.symlink\(target, link\)", scripts.Stdout);
            Assert.Matches(@"preuninstall scriptlet \(using <lua>\):\n(.*\n)*.*\{""" + Regex.Escape(link) + @""", .*os\.remove\(pair\[1\]\)", scripts.Stdout);
        }
        // Nothing that touches the running network: the only command a scriptlet runs is daemon-reload.
        var commands = Regex.Matches(scripts.Stdout, @"rpm\.execute\((?<args>[^)]*)\)").Select(match => match.Groups["args"].Value).ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, args => Assert.Equal(@"""/usr/bin/systemctl"", ""daemon-reload""", args));
        Assert.DoesNotContain("posix.exec", scripts.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Rpm_InstallsIntoAScratchRoot_RunsAndErasesClean()
    {
        string rpm = PackageFile("BOOTROUTE_RPM", "bootroute-*-1.x86_64.rpm");
        string root = Scratch();
        foreach (var directory in RhelDirectories) Directory.CreateDirectory(Path.Combine(root, directory));
        var before = Snapshot(root);
        // RHEL's database path (Debian's rpm defaults to ~/.rpmdb); --nodeps: the root has no glibc package.
        string[] rpmRoot = ["--root", root, "--dbpath", "/var/lib/rpm"];

        Assert.True(Run("rpm", [.. rpmRoot, "--initdb"]).Succeeded);
        var install = Run("rpm", [.. rpmRoot, "-i", "--nodeps", rpm]);
        Assert.True(install.Succeeded && !install.Stderr.Contains("scriptlet failed", StringComparison.Ordinal), install.ToString());
        var version = Run(Path.Combine(root, "usr/sbin/bootroute"), ["--version"]);
        Assert.Matches(@"^bootroute \d+\.\d+\.\d+\S* \(commit [0-9a-f]{40}\)$", version.Stdout.Trim());
        Assert.Equal("/usr/lib/systemd/system/bootroute.service", new FileInfo(Path.Combine(root, WantsLink[1..])).LinkTarget);
        Assert.Equal("/usr/lib/systemd/system/bootroute-lease.path", new FileInfo(Path.Combine(root, LeaseWantsLink[1..])).LinkTarget);
        Assert.Contains("bootroute_config()", File.ReadAllText(Path.Combine(root, "etc/dhcp/dhclient.d/bootroute.sh")), StringComparison.Ordinal);
        var verify = Run("rpm", [.. rpmRoot, "-V", "--nodeps", "bootroute"]);
        Assert.True(verify.Succeeded && verify.Stdout.Trim().Length == 0, $"rpm -V found changes right after install:\n{verify}");

        var erase = Run("rpm", [.. rpmRoot, "-e", "bootroute"]);
        Assert.True(erase.Succeeded && !erase.Stderr.Contains("scriptlet failed", StringComparison.Ordinal), erase.ToString());
        Assert.Equal(before, Snapshot(root, skip: "var"));
        Assert.False(Run("rpm", [.. rpmRoot, "-q", "bootroute"]).Succeeded, "still known to rpm after erase");
    }

    [GeneratedRegex(@" \.(?<path>/\S+)")]
    private static partial Regex DebPath();

    /// <summary>$<paramref name="variable"/>, else the one file of that pattern build/build.sh left next to the shipped binary.</summary>
    private static string PackageFile(string variable, string pattern)
    {
        string? fromEnv = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            Assert.True(File.Exists(fromEnv), $"{variable}={fromEnv} does not exist");
            return fromEnv;
        }
        string shipped = RepoPaths.ReleaseBinary();
        var found = Directory.GetFiles(Path.GetDirectoryName(shipped)!, pattern);
        Assert.True(found.Length == 1, $"expected one {pattern} beside {shipped} (build/build.sh makes it), found {found.Length}");
        return found[0];
    }
}
