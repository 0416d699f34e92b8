using BootRoute.Persistence;
using BootRoute.Persistence.Detection;
using CsCheck;
using Xunit;

namespace BootRoute.Tests.Properties;

/// <summary>
/// The image's files that detection reads (netplan YAML, systemd-networkd INI, ifcfg shell variables)
/// and the marked block BootRoute writes into the image's own files.
/// </summary>
public sealed class PersistenceProperties
{
    private const string NetplanSample = """
        network:
          version: 2
          renderer: networkd
          ethernets:
            ens3:
              dhcp4: true
              match:
                macaddress: fa:16:3e:00:00:03
                name: "ens*"
              set-name: ens3
            id0:
              match: {name: eth0}
              dhcp6: true
          bonds:
            bond0: {interfaces: [ens3], renderer: NetworkManager}
        """;

    private const string NetworkdSample = "[Match]\nName=ens4 ens5\nMACAddress=fa:16:3e:00:00:04\n\n[Network]\nDHCP=ipv4\n\n[DHCPv4]\nUseRoutes=true\n";

    private const string IfcfgSample = "DEVICE=ens4\nBOOTPROTO=dhcp\nONBOOT=yes\nNM_CONTROLLED='no'\nHWADDR=\"fa:16:3e:00:00:04\"\nDEFROUTE=no # comment\n";

    private static readonly Gen<string> Netplan = Gen.Frequency(
        (5, Hostile.Mutated(Gen.Const(NetplanSample))), (2, Hostile.Mutated(SettingsDocuments.HostileYaml)), (1, Hostile.Noise));

    [Fact]
    public void Netplan_files_give_definitions_or_problems_and_never_throw() =>
        Gen.Select(Netplan, Netplan.Null(0.5)).Sample((first, second) =>
        {
            var files = new ImageFiles(new Dictionary<string, string>
            {
                ["/etc/netplan/50-cloud-init.yaml"] = first,
                ["/run/netplan/60-image.yaml"] = second ?? "",
            });
            Hostile.InBoundedTime(() =>
            {
                var (definitions, problems) = NetplanDefinitions.Read(files);
                Assert.All(definitions, d => Assert.Contains(d.DeviceType, NetplanDefinitions.DeviceTypes));
                Assert.All(problems, p => Assert.Contains("netplan", p, StringComparison.Ordinal));
            });
        }, iter: 1_000);

    [Fact]
    public void Ini_and_shell_variable_files_parse_without_throwing() =>
        Gen.Frequency((3, Hostile.Mutated(Gen.OneOf(NetworkdSample, IfcfgSample))), (1, Hostile.Noise))
            .Sample(text => Hostile.InBoundedTime(() =>
            {
                var ini = IniFile.Parse(text);
                _ = ini.Last("Match", "Name");
                _ = ini.Keys("Network").ToList();
                _ = ShellVariables.Parse(text);
            }), iter: 1_000);

    /// <summary>Removing the block gives back the image's file byte for byte, whatever it held (but a block of ours).</summary>
    [Fact]
    public void A_marked_block_inserted_then_stripped_gives_back_the_original() =>
        Gen.Select(
                Gen.Frequency((3, Hostile.Mutated(Gen.OneOf([.. Fixtures.Texts("persistence"), IfcfgSample, NetworkdSample]))), (1, Hostile.Noise))
                    .Where(text => !MarkedBlock.Contains(text)).Null(0.1),
                Gen.OneOf("interface ens4\n  metric 100\n", "route-metric=100\n", "x\n"),
                Gen.OneOf(null, "[ipv4]", "[main]", "[Route]"))
            .Sample((original, body, section) =>
            {
                string written = MarkedBlock.Insert(original, body, section);
                Assert.True(MarkedBlock.Contains(written));
                Assert.Equal(original, MarkedBlock.Strip(written));
            }, iter: 1_000);

    /// <summary>An image tree in memory, read-only: detection only reads.</summary>
    private sealed class ImageFiles(Dictionary<string, string> files) : IRootFileSystem
    {
        public string Root => "/";

        public string? ReadText(string path) => files.GetValueOrDefault(path);

        public bool FileExists(string path) => files.ContainsKey(path);

        public bool DirectoryExists(string path) => files.Keys.Any(f => f.StartsWith(path + "/", StringComparison.Ordinal));

        public IReadOnlyList<string> FileNames(string directory) =>
            files.Keys.Where(f => Path.GetDirectoryName(f) == directory).Select(f => Path.GetFileName(f)).ToList();

        public IReadOnlyList<string> DirectoryNames(string directory) => [];

        public UnixFileMode? ModeOf(string path) => FileExists(path) ? PersistedFile.Readable : null;

        public void WriteAtomically(string path, string content, UnixFileMode mode) => throw new NotSupportedException();

        public void Delete(string path) => throw new NotSupportedException();

        public int RemoveLeftovers(string directory, IReadOnlyCollection<string> names) => throw new NotSupportedException();

        public void DeleteDirectoryIfEmpty(string path) => throw new NotSupportedException();

        public string Describe(string path) => path;
    }
}
