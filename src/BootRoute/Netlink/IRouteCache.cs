namespace BootRoute.Netlink;

/// <summary>Equivalent to: <c>ip route flush cache</c> (writes -1 to /proc/sys/net/ipv4/route/flush).</summary>
public interface IRouteCache
{
    void Flush();
}
