using BootRoute.Netlink;
using Xunit;

namespace BootRoute.Tests.Netlink;

/// <summary>Never writes the real sysctl: that would flush this machine's own route cache.</summary>
public sealed class ProcRouteCacheTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"brnl-flush-{Guid.NewGuid():N}");

    [Fact]
    public void Flush_WritesMinusOne()
    {
        File.WriteAllText(_path, "");

        new ProcRouteCache(_path).Flush();

        Assert.Equal("-1", File.ReadAllText(_path));
    }

    [Fact]
    public void DefaultPath_IsTheIPv4FlushSysctl() =>
        Assert.Equal("/proc/sys/net/ipv4/route/flush", Paths.Kernel.RouteCacheFlush);

    public void Dispose() => File.Delete(_path);
}
