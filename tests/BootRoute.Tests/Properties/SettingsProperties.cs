using System.Globalization;
using BootRoute.Settings;
using CsCheck;
using Xunit;

namespace BootRoute.Tests.Properties;

/// <summary>
/// The settings file and its conf.d drop-ins, bounded YAML, and the scalar checks: anything wrong is
/// a <see cref="ConfigurationException"/> (from YAML, <see cref="InvalidYamlException"/>), nothing else.
/// </summary>
public sealed class SettingsProperties
{
    private static readonly Gen<string> Documents = Gen.Frequency(
        (6, Hostile.Mutated(SettingsDocuments.Document)),
        (3, SettingsDocuments.Document),
        (1, SettingsDocuments.HostileYaml),
        (1, Hostile.Noise));

    [Fact]
    public void A_settings_file_and_a_drop_in_load_or_fail_with_one_configuration_error() =>
        Gen.Select(Documents, Documents.Null(0.6)).Sample((main, dropIn) =>
        {
            string directory = Directory.CreateTempSubdirectory("bootroute-props-").FullName;
            try
            {
                string file = Path.Combine(directory, "config.yaml");
                File.WriteAllBytes(file, Hostile.Utf8(main));
                if (dropIn is not null)
                {
                    Directory.CreateDirectory(Path.Combine(directory, "conf.d"));
                    File.WriteAllBytes(Path.Combine(directory, "conf.d", "50-image.yaml"), Hostile.Utf8(dropIn));
                }
                Hostile.InBoundedTime(() =>
                {
                    try
                    {
                        _ = SettingsLoader.Load(file, mustExist: true, new Dictionary<string, string?>(), new Dictionary<string, string>());
                    }
                    catch (ConfigurationException e)
                    {
                        Assert.False(string.IsNullOrWhiteSpace(e.Message));
                    }
                });
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }, iter: 1_000);

    [Fact]
    public void Bounded_yaml_and_the_settings_reader_throw_only_their_own_errors() =>
        Gen.Frequency((3, Hostile.Mutated(SettingsDocuments.HostileYaml)), (3, Hostile.Mutated(SettingsDocuments.Document)), (1, Hostile.Noise))
            .Sample(text => Hostile.InBoundedTime(() =>
            {
                try
                {
                    _ = BoundedYaml.Load(text);
                }
                catch (InvalidYamlException e)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Reason));
                }
                // The same text as a settings file's content (lone surrogates included, which no file read can give).
                try
                {
                    _ = YamlSettingsReader.Read(text, "/etc/bootroute/config.yaml");
                }
                catch (ConfigurationException e)
                {
                    Assert.StartsWith("/etc/bootroute/config.yaml", e.Message, StringComparison.Ordinal);
                }
            }), iter: 1_000);

    /// <summary>Every kind's check answers null or a problem for any text, and never throws.</summary>
    [Fact]
    public void Scalar_checks_never_throw() =>
        Gen.Select(Gen.OneOf(Enum.GetValues<SettingKind>()), Gen.Frequency((3, Hostile.Noise), (1, Hostile.Fragment)))
            .Sample((kind, value) => Hostile.InBoundedTime(() => SettingScalars.Check(kind, value)), iter: 1_500);

    /// <summary>Durations written as the docs show them (500ms, 2s, 1.5) parse back to the same time.</summary>
    [Fact]
    public void Durations_round_trip() =>
        Gen.Select(Gen.Int[0, 600_000], Gen.Int[0, 2]).Sample((milliseconds, style) =>
        {
            string text = style switch
            {
                0 => $"{milliseconds}ms",
                1 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000m}s"),
                _ => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000m}"),
            };
            Assert.True(SettingScalars.TryParseDuration(text, out var duration), text);
            Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
            Assert.Equal(milliseconds <= 600_000, SettingScalars.Check(SettingKind.WaitTimeout, text) is null);
        }, iter: 500);

    /// <summary>--set KEY=VALUE with any key and value: a layer, or one configuration error.</summary>
    [Fact]
    public void Command_line_overrides_read_or_fail_with_one_configuration_error() =>
        Gen.Select(Gen.Frequency((3, Gen.OneOf(SettingsSchema.Keys.Select(k => k.Path).ToArray())), (1, Hostile.Noise), (1, Gen.Const("interfaces.0.name"))),
                Gen.Frequency((3, Gen.OneOf(SettingsSchema.Keys.Select(k => k.Default.Count > 0 ? k.Default[0] : "").ToArray())), (2, Hostile.Noise)).Null(0.1))
            .Sample((key, value) =>
            {
                try
                {
                    _ = FlatSettingsReader.ReadCommandLine(new Dictionary<string, string?> { [key] = value });
                }
                catch (ConfigurationException e)
                {
                    Assert.Contains("--set", e.Message, StringComparison.Ordinal);
                }
            }, iter: 1_000);
}
