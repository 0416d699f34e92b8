namespace BootRoute.Settings;

/// <summary>What a key's value must be; <see cref="SettingScalars.Check"/> holds the rule of each.</summary>
internal enum SettingKind
{
    Bool,
    InterfaceName,
    TableId,
    TableBase,
    PriorityBase,
    IPv4,
    Duration,
    AbsolutePath,
    MacAddress,
    LeaseSource,
    WaitTimeout,
    RpFilterPolicy,
    IPv6Mode,
    FloatingIp,
    ProbeTarget,
    HttpUrl,
    PersistBackend,
    TextfilePath,
}
