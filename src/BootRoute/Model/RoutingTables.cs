namespace BootRoute.Model;

/// <summary>The kernel's reserved routing table ids.</summary>
public static class RoutingTables
{
    public const uint Unspecified = 0;
    public const uint Default = 253;
    public const uint Main = 254;
    public const uint Local = 255;

    public static bool IsReserved(uint id) => id is Unspecified or Default or Main or Local;

    public static string Name(uint id) => id switch
    {
        Default => "default",
        Main => "main",
        Local => "local",
        _ => id.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
