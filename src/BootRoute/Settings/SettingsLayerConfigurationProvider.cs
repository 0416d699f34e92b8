using Microsoft.Extensions.Configuration;

namespace BootRoute.Settings;

/// <summary>Puts one checked <see cref="SettingsLayer"/> into a configuration builder.</summary>
internal sealed class SettingsLayerConfigurationSource : IConfigurationSource
{
    private readonly SettingsLayer _layer;

    public SettingsLayerConfigurationSource(SettingsLayer layer) => _layer = layer;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new SettingsLayerConfigurationProvider(_layer);
}

/// <summary>
/// A configuration provider over a layer. The layer, not this provider, keeps where each key came from,
/// because IConfigurationProvider has no notion of origins and every error message needs one.
/// </summary>
internal sealed class SettingsLayerConfigurationProvider : ConfigurationProvider
{
    private readonly SettingsLayer _layer;

    public SettingsLayerConfigurationProvider(SettingsLayer layer) => _layer = layer;

    public override void Load()
    {
        Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, entry) in _layer.Entries)
        {
            Data[key] = entry.Value;
        }
    }
}
