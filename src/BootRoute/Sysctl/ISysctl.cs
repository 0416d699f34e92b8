namespace BootRoute.Sysctl;

/// <summary>
/// The kernel's network sysctls of the current network namespace, by procfs key
/// (<c>net/ipv4/conf/ens4/rp_filter</c>). Equivalent to: <c>sysctl net.ipv4.conf.ens4.rp_filter</c>.
/// </summary>
public interface ISysctl
{
    /// <summary>The value, trimmed; null when the key does not exist (e.g. a NIC that went away).</summary>
    string? Read(string key);

    /// <summary>Equivalent to: <c>sysctl -w KEY=VALUE</c>. Throws IOException when the kernel refuses.</summary>
    void Write(string key, string value);
}
