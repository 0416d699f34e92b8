using BootRoute.Model;

namespace BootRoute.Discovery.Networkd;

/// <summary>
/// Parses one systemd-networkd lease file (<c>/run/systemd/netif/leases/&lt;ifindex&gt;</c>) in either of its
/// forms: KEY=VALUE (<see cref="NetworkdKeyValueLease"/>, systemd ≤ 256) or JSON
/// (<see cref="NetworkdJsonLease"/>, newer); the first non-blank character tells them apart. Pure: the
/// caller reads the file and maps the ifindex to a name. Never throws on bad input: a file that cannot
/// be used gives a diagnostic instead of a lease.
/// </summary>
internal static class NetworkdLeaseParser
{
    /// <summary>Real leases are well under a kilobyte.</summary>
    public const int MaximumLength = 64 * 1024;

    /// <param name="content">The file's text.</param>
    /// <param name="interfaceName">The name of the link whose ifindex is the file name.</param>
    /// <param name="written">The file's mtime: when the KEY=VALUE form's lifetime is counted from.</param>
    /// <param name="path">For diagnostics and <see cref="Lease.Source"/> ("networkd:&lt;path&gt;").</param>
    public static (Lease? Lease, IReadOnlyList<string> Diagnostics) Parse(string content, string interfaceName, DateTimeOffset written, string path)
    {
        var fields = new NetworkdLeaseFields();
        string? error;
        Lease? lease = null;
        if (content.Length > MaximumLength)
        {
            error = $"over {MaximumLength} bytes: too big for a lease file";
        }
        else if (content.Contains('\0', StringComparison.Ordinal))
        {
            error = "holds NUL bytes: not a text lease file";
        }
        else
        {
            error = content.TrimStart().StartsWith('{')
                ? NetworkdJsonLease.Read(content, fields)
                : NetworkdKeyValueLease.Read(content, fields);
            error ??= fields.ToLease(interfaceName, written, $"networkd:{path}", out lease);
        }
        var diagnostics = fields.Warnings.Select(w => $"networkd:{path}: {interfaceName}: {w}").ToList();
        if (error is not null)
        {
            diagnostics.Add($"networkd:{path}: lease for {interfaceName} skipped: {error}");
        }
        return (lease, diagnostics);
    }
}
