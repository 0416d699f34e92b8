using Microsoft.Extensions.Configuration;

namespace BootRoute.Settings;

/// <summary>
/// Builds the settings of one run from its layers, later ones winning:
/// <list type="number">
/// <item>built-in defaults (<see cref="BuiltInDefaults"/>, from <see cref="SettingsSchema"/>);</item>
/// <item>the YAML file (<see cref="Paths.Config.File"/> unless one is given);</item>
/// <item><c>conf.d/*.yaml</c> beside it, in name order;</item>
/// <item><c>BOOTROUTE_&lt;SECTION&gt;__&lt;KEY&gt;</c> environment variables;</item>
/// <item>command-line overrides (<c>verify:enabled</c> → <c>false</c>).</item>
/// </list>
/// Each layer is checked on its own first (unknown keys, kinds of node, values), then the layers are
/// stacked with Microsoft.Extensions.Configuration, bound by the source generator into
/// <see cref="SettingsDto"/>, and checked as a whole. See docs/configuration.md.
/// </summary>
public static class SettingsLoader
{
    /// <summary>More drop-ins than anyone writes by hand or by image tooling: past it the directory is refused, not half read.</summary>
    internal const int MaximumDropIns = 256;

    /// <param name="configPath">The settings file, or null for <see cref="Paths.Config.File"/>, which may be absent.</param>
    /// <param name="commandLineOverrides">Key (<c>verify:timeout</c>) to value; an empty value resets the key to its default.</param>
    /// <param name="environment">The process environment; only <c>BOOTROUTE_*</c> variables are read.</param>
    /// <exception cref="ConfigurationException">Anything wrong, as one line naming where, the key and the rule.</exception>
    public static AgentSettings Load(
        string? configPath,
        IReadOnlyDictionary<string, string?> commandLineOverrides,
        IReadOnlyDictionary<string, string> environment) =>
        Load(configPath ?? Paths.Config.File, configPath is not null, commandLineOverrides, environment);

    /// <param name="mustExist">False only for the default path: a host without a settings file runs on defaults.</param>
    internal static AgentSettings Load(
        string configFile,
        bool mustExist,
        IReadOnlyDictionary<string, string?> commandLineOverrides,
        IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(commandLineOverrides);
        ArgumentNullException.ThrowIfNull(environment);

        var layers = ReadFiles(configFile, mustExist);
        layers.Add(FlatSettingsReader.ReadEnvironment(environment));
        layers.Add(FlatSettingsReader.ReadCommandLine(commandLineOverrides));
        return Build(BuiltInDefaults.Beneath(DropReplacedLists(layers)));
    }

    /// <summary>The settings of the built-in defaults alone.</summary>
    internal static AgentSettings BuiltIn() => Build(BuiltInDefaults.Beneath([]));

    /// <summary>Stacks the layers (defaults first), binds them and checks the result as a whole.</summary>
    private static AgentSettings Build(List<SettingsLayer> layers)
    {
        var origins = new SettingsOrigins(layers);
        SettingsValidator.CheckListIndices(origins);

        var builder = new ConfigurationBuilder();
        foreach (var layer in layers)
        {
            builder.Add(new SettingsLayerConfigurationSource(layer));
        }
        IConfigurationRoot configuration = builder.Build();

        var dto = new SettingsDto();
        try
        {
            // Every key was checked against the schema, so an unknown one here is a schema key
            // SettingsDto lacks: fail loudly instead of dropping it.
            configuration.Bind(dto, options => options.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            // Cannot happen for values SettingScalars accepted; if it does, say so rather than crash.
            throw new ConfigurationException($"settings: could not bind a checked value: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        return SettingsValidator.ToAgentSettings(dto, origins);
    }

    /// <summary>The main file (if any) and then its drop-ins, each read and checked.</summary>
    private static List<SettingsLayer> ReadFiles(string configFile, bool mustExist)
    {
        var layers = new List<SettingsLayer>();
        if (File.Exists(configFile))
        {
            layers.Add(YamlSettingsReader.Read(ReadText(configFile), configFile));
        }
        else if (mustExist)
        {
            throw new ConfigurationException(
                Directory.Exists(configFile) ? $"{configFile}: is a directory, not a settings file" : $"{configFile}: settings file not found");
        }

        // Drop-ins are read even when the main file is absent, so an image can ship only a fragment.
        string dropIns = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configFile)) ?? "/", Paths.Config.DropInDirectoryName);
        if (!Directory.Exists(dropIns))
        {
            return layers;
        }
        List<string> files;
        try
        {
            files = DirectoryEntries.Files(dropIns, name => name.EndsWith(".yaml", StringComparison.Ordinal), MaximumDropIns, "*.yaml");
        }
        catch (DirectoryEntries.TooManyEntriesException)
        {
            throw new ConfigurationException($"{dropIns}: more than {MaximumDropIns} *.yaml drop-ins: not a configuration BootRoute reads; merge them");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{dropIns}: cannot list: {e.Message}", e);
        }
        // Ordinal (DirectoryEntries sorts so), like ls under LC_ALL=C: the order does not depend on the locale.
        foreach (string file in files)
        {
            layers.Add(YamlSettingsReader.Read(ReadText(file), file));
        }
        return layers;
    }

    /// <summary>
    /// The file's text, reading at most one byte past <see cref="BoundedYaml.MaxBytes"/>: a settings
    /// file linked to /dev/zero or grown huge is refused without reading all of it.
    /// </summary>
    private static string ReadText(string file)
    {
        try
        {
            // TextFile opens without blocking and reads regular files only: a settings path that is a
            // FIFO or a device is refused at once instead of hanging the boot.
            return TextFile.Read(file, BoundedYaml.MaxBytes);
        }
        catch (TextFile.FileTooLargeException)
        {
            throw new ConfigurationException($"{file}: invalid YAML: {BoundedYaml.TooLarge().Reason}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{file}: cannot read: {e.Message}", e);
        }
    }

    /// <summary>
    /// A file that states a list (<c>interfaces:</c>, <c>leases.sources</c>) replaces that list of
    /// every layer before it (see <see cref="SettingsLayer.ReplacedLists"/>).
    /// </summary>
    private static List<SettingsLayer> DropReplacedLists(List<SettingsLayer> layers)
    {
        foreach (string list in SettingsSchema.AllLists)
        {
            int last = layers.FindLastIndex(l => l.ReplacedLists.Contains(list));
            layers = layers.Select((layer, index) => index < last ? layer.Without(list) : layer).ToList();
        }
        return layers;
    }
}
