namespace BootRoute.Planning;

/// <summary>One sysctl the plan wants set, by procfs key: net/ipv4/conf/ens4/rp_filter = 2.</summary>
public sealed record SysctlValue(string Key, string Value);
