namespace BootRoute.Persistence;

/// <summary>
/// Makes a running NetworkManager re-read profiles BootRoute changed: it keeps profiles in memory, so
/// without this the next `nmcli connection up` would still re-add a non-primary NIC's default.
/// </summary>
public interface INetworkManagerReload
{
    /// <returns>Null when done (or NetworkManager is not running), else what went wrong.</returns>
    string? Load(IReadOnlyList<string> profiles);
}
