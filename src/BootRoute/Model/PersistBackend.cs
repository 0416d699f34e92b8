namespace BootRoute.Model;

/// <summary>
/// The network stack whose own configuration BootRoute writes so that its routing survives that
/// stack reconfiguring itself (<c>persist.backend</c>). <see cref="Auto"/> detects it per NIC;
/// <see cref="None"/> writes nothing (and reverts what an earlier run wrote).
/// </summary>
public enum PersistBackend
{
    Auto,
    None,
    Ifupdown,
    Netplan,
    Networkd,
    NetworkManager,
    Ifcfg,
}

/// <summary>The names <c>persist.backend</c> accepts, as written in the settings file.</summary>
public static class PersistBackendNames
{
    public static IReadOnlyList<string> All { get; } = ["auto", "none", "ifupdown", "netplan", "networkd", "networkmanager", "ifcfg"];

    public static string Name(this PersistBackend backend) => All[(int)backend];

    public static bool TryParse(string name, out PersistBackend backend)
    {
        int index = All.ToList().IndexOf(name);
        backend = index < 0 ? default : (PersistBackend)index;
        return index >= 0;
    }
}
