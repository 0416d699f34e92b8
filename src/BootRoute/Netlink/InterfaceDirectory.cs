using BootRoute.Model;

namespace BootRoute.Netlink;

/// <summary>
/// Interface names ↔ indexes from the last link dump. Routes carry indexes (RTA_OIF) while the model
/// and iproute2 speak names; the client refreshes this from a new dump when a lookup misses.
/// </summary>
internal sealed class InterfaceDirectory
{
    private Dictionary<int, string> _names = [];
    private Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    public bool IsEmpty => _names.Count == 0;

    public void Update(IReadOnlyList<Link> links)
    {
        _names = links.ToDictionary(link => link.Index, link => link.Name);
        _indexes = links.ToDictionary(link => link.Name, link => link.Index, StringComparer.Ordinal);
    }

    public string? NameOf(int index) => _names.GetValueOrDefault(index);

    public bool TryGetIndex(string name, out int index) => _indexes.TryGetValue(name, out index);
}
