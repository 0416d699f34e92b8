namespace BootRoute.Netlink;

/// <summary>
/// Equivalent to: <c>ip route flush cache</c>. Sockets that already cached a route (and its source
/// address) keep using it until the cache is flushed, so the agent flushes after changing routes.
/// </summary>
public sealed class ProcRouteCache : IRouteCache
{
    private readonly string _flushPath;

    public ProcRouteCache()
        : this(Paths.Kernel.RouteCacheFlush)
    {
    }

    /// <summary>Tests point this at a temporary file instead of the machine's own sysctl.</summary>
    internal ProcRouteCache(string flushPath) => _flushPath = flushPath;

    public void Flush() => File.WriteAllText(_flushPath, "-1");
}
