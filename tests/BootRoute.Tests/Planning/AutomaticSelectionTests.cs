using BootRoute.Model;
using BootRoute.Planning;
using Xunit;

namespace BootRoute.Tests.Planning;

public class AutomaticSelectionTests
{
    [Theory]
    [InlineData("ens3", null, null, null)]
    [InlineData("eth0", "veth", null, null)]
    [InlineData("bond0", "bond", null, null)]
    [InlineData("docker0", "bridge", null, "a bridge device")]
    [InlineData("br-5f1e", null, null, "named like container or VPN plumbing (br-*)")]
    [InlineData("veth1a2b3c", "veth", null, "named like container or VPN plumbing (veth*)")]
    [InlineData("wg0", "wireguard", null, "a wireguard device")]
    [InlineData("tun0", "tun", null, "a tun device")]
    [InlineData("cni0", null, null, "named like container or VPN plumbing (cni*)")]
    [InlineData("ens5", null, 7, "enslaved to a bridge or bond")]
    public void Only_the_instances_own_nics_are_managed_automatically(string name, string? kind, int? master, string? why)
    {
        var link = new Link(3, name, null, 1500, true, false, kind, master);

        Assert.Equal(why, AutomaticSelection.WhyNot(link));
    }
}
