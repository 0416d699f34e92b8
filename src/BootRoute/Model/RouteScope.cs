namespace BootRoute.Model;

/// <summary>Route scope as the kernel numbers it (rtm_scope; iproute2's <c>scope</c>).</summary>
public enum RouteScope : byte
{
    Universe = 0,
    Site = 200,
    Link = 253,
    Host = 254,
    Nowhere = 255,
}
