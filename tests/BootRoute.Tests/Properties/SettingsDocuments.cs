using BootRoute.Model;
using BootRoute.Settings;
using CsCheck;

namespace BootRoute.Tests.Properties;

/// <summary>
/// Settings files built from the schema itself: every section and key, values that are good, nearly
/// good and hostile for the key's kind, in the three YAML scalar styles, plus YAML that attacks the
/// parser (aliases that multiply, nesting past any bound).
/// </summary>
internal static class SettingsDocuments
{
    private static readonly Dictionary<SettingKind, string[]> Samples = new()
    {
        [SettingKind.Bool] = ["true", "false", "yes", "TRUE", "1"],
        [SettingKind.InterfaceName] = ["ens4", "eth0", "a/b", "sixteen-chars-xx", ".", "e$(id)"],
        [SettingKind.TableId] = ["1000", "254", "0", "4294967295", "4294967296", "-1"],
        [SettingKind.TableBase] = ["100", "0", "252", "99999999999"],
        [SettingKind.PriorityBase] = ["100", "0", "32766", "1"],
        [SettingKind.IPv4] = ["192.0.2.1", "0.0.0.0", "1.2.3", "010.1.1.1"],
        [SettingKind.Duration] = ["2s", "500ms", "1.5", "0", "61s", "1e3", "99999999999999999999999s", ".5", "5.", "60s"],
        [SettingKind.WaitTimeout] = ["60s", "0", "600s", "601", "0ms"],
        [SettingKind.AbsolutePath] = ["/var/lib/x", "relative", "/a\u0001b", "/"],
        [SettingKind.MacAddress] = ["fa:16:3e:00:00:04", "FA-16-3E-00-00-04", "zz", "fa:16:3e:00:00"],
        [SettingKind.LeaseSource] = [.. LeaseSourceNames.All, "dhcp"],
        [SettingKind.RpFilterPolicy] = ["keep", "loose", "strict"],
        [SettingKind.IPv6Mode] = ["auto", "off", "on"],
        [SettingKind.FloatingIp] = ["auto", "203.0.113.10", "0.0.0.0"],
        [SettingKind.ProbeTarget] = ["192.0.2.10", "192.0.2.10:443", "1.2.3.4:99999", "1.2.3.4:0", ":80"],
        [SettingKind.HttpUrl] = ["http://192.0.2.10/", "https://x/", "http://u:p@x/", "http://x/#f", "http://"],
        [SettingKind.PersistBackend] = [.. PersistBackendNames.All, "systemd"],
        [SettingKind.TextfilePath] = ["/var/lib/prometheus/node-exporter/bootroute.prom", "/x/.prom", "/x/bootroute.txt", "bootroute.prom"],
    };

    public static Gen<string> Value(SettingKind kind) =>
        Gen.Frequency((6, Gen.OneOf(Samples[kind])), (1, Hostile.Fragment), (1, Hostile.Noise)).SelectMany(Styled);

    /// <summary>The value plain, single-quoted or double-quoted (with the escapes each style needs).</summary>
    private static Gen<string> Styled(string value) => Gen.OneOf(
        Gen.Const(value),
        Gen.Const($"'{value.Replace("'", "''", StringComparison.Ordinal)}'"),
        Gen.Const($"\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\""));

    private static Gen<string> Entry(SettingKey key) => key.IsList
        ? Value(key.Kind).Array[0, 4].Select(values => $"  {key.Name}: [{string.Join(", ", values)}]\n")
        : Value(key.Kind).Select(value => $"  {key.Name}: {value}\n");

    private static Gen<string> Section(IGrouping<string, SettingKey> section) =>
        Concat(section.Select(key => Entry(key).Null(0.5))).Select(entries => $"{section.Key}:\n{entries}");

    /// <summary>The texts one after another, a null as nothing.</summary>
    private static Gen<string> Concat(IEnumerable<Gen<string?>> parts) =>
        parts.Aggregate(Gen.Const(""), (all, part) => Gen.Select(all, part, (a, b) => a + (b ?? "")));

    private static readonly Gen<string> Interface = Gen.Select(
        Value(SettingKind.InterfaceName).Null(0.3), Value(SettingKind.Bool).Null(0.5), Value(SettingKind.TableId).Null(0.7),
        Value(SettingKind.FloatingIp).Null(0.7), Value(SettingKind.MacAddress).Null(0.6),
        (name, primary, table, floating, mac) => "  - " + string.Concat(
            name is null ? "" : $"name: {name}\n    ", primary is null ? "" : $"primary: {primary}\n    ",
            table is null ? "" : $"table: {table}\n    ", floating is null ? "" : $"floating_ip: {floating}\n    ",
            mac is null ? "" : $"match:\n      mac: {mac}\n    ").TrimEnd() + "\n");

    public static readonly Gen<string> Document = Gen.Select(
        Concat(SettingsSchema.Keys.GroupBy(k => k.Section).Select(section => Section(section).Null(0.4))),
        Interface.Array[0, 4].Null(0.3),
        (sections, interfaces) => sections + (interfaces is null ? "" : $"interfaces:\n{string.Concat(interfaces)}"));

    /// <summary>YAML aimed at the parser, not at the schema.</summary>
    public static readonly Gen<string> HostileYaml = Gen.OneOf(
        Gen.Int[1, 12].Select(levels => "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(1, levels)
            .Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n"))),
        Gen.Int[1, 3_000].Select(n => new string('[', n) + new string(']', n)),
        Gen.Int[1, 3_000].Select(n => string.Concat(Enumerable.Repeat("- ", n)) + "x"),
        Gen.Int[1, 300].Select(n => string.Concat(Enumerable.Range(0, n).Select(i => new string(' ', i) + "k:\n"))),
        Gen.Int[1, 5_000].Select(n => string.Concat(Enumerable.Repeat("---\n", n))),
        Gen.Const("a: &x b\n*x : c\n"), Gen.Const("a: &a [*a]\n"), Gen.Const("%YAML 9.9\n---\na: 1\n"), Gen.Const("!!binary x: y\n"),
        Gen.Const("? [a, b]\n: c\n"), Gen.Const("verify: !!map {timeout: !!int 2}\n"), Gen.Const("a: b\n\ta: c\n"));
}
