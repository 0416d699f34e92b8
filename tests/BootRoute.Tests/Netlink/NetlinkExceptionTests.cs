using BootRoute.Native;
using BootRoute.Netlink;
using BootRoute.Planning;
using Xunit;

namespace BootRoute.Tests.Netlink;

public class NetlinkExceptionTests
{
    [Fact]
    public void Message_ReadsLikeIproute2()
    {
        var error = new NetlinkException("route add", Errno.EEXIST, "100.64.1.0/24 dev ens4 table 101 proto bootroute");

        Assert.Equal("RTNETLINK answers: File exists (route add 100.64.1.0/24 dev ens4 table 101 proto bootroute)", error.Message);
        Assert.Equal("EEXIST", error.ErrorName);
        Assert.Null(error.ExtendedAck);
    }

    [Fact]
    public void Message_AppendsExtendedAck()
    {
        var error = new NetlinkException("route add", Errno.ENETUNREACH, "100.64.9.0/24 via 198.51.100.1 dev v0", "Nexthop has invalid gateway");

        Assert.Equal(
            "RTNETLINK answers: Network is unreachable (route add 100.64.9.0/24 via 198.51.100.1 dev v0) — Nexthop has invalid gateway",
            error.Message);
    }

    [Theory]
    [InlineData(Errno.ENOENT, "ENOENT", "No such file or directory")]
    [InlineData(Errno.ESRCH, "ESRCH", "No such process")]
    [InlineData(Errno.EINVAL, "EINVAL", "Invalid argument")]
    [InlineData(Errno.EPERM, "EPERM", "Operation not permitted")]
    [InlineData(Errno.ENODEV, "ENODEV", "No such device")]
    [InlineData(Errno.ENOBUFS, "ENOBUFS", "No buffer space available")]
    [InlineData(4242, "E4242", "Unknown error 4242")]
    public void Errno_NamesAndDescriptions(int errno, string name, string text)
    {
        Assert.Equal(name, Errno.Name(errno));
        Assert.Equal(text, Errno.Describe(errno));
    }
}
