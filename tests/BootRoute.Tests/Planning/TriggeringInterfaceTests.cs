using System.Net.NetworkInformation;
using BootRoute.Model;
using BootRoute.Planning;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Planning;

public sealed class TriggeringInterfaceTests
{
    [Theory]
    [InlineData("ens4", null)]
    [InlineData("lo", "loopback")]
    [InlineData("docker0", "a bridge device")]
    [InlineData("ens9", "no such interface")]
    public void Automatic_ManagesWhatItsFilterAdmits_LeaseOrNot(string name, string? why)
    {
        var host = SampleHost.TwoNics().Link("docker0", "bridge").WithoutLease("ens4");
        Assert.Equal(why, TriggeringInterface.WhyNotManaged(SampleHost.Automatic, host.Snapshot, name));
    }

    [Fact]
    public void Configured_ManagesListedNicsOnly_ByNameOrMac()
    {
        var host = SampleHost.TwoNics().Snapshot;
        var mac = host.FindLink("ens4")!.MacAddress;
        var byName = SampleHost.Configured(new InterfaceSelection("ens3", true, null, null));
        var byMac = SampleHost.Configured(new InterfaceSelection(null, null, null, null, mac));

        Assert.Null(TriggeringInterface.WhyNotManaged(byName, host, "ens3"));
        Assert.Equal("not listed under interfaces:", TriggeringInterface.WhyNotManaged(byName, host, "ens4"));
        Assert.Null(TriggeringInterface.WhyNotManaged(byMac, host, "ens4"));
        Assert.NotNull(TriggeringInterface.WhyNotManaged(byMac, host, "ens3"));
        Assert.NotNull(TriggeringInterface.WhyNotManaged(
            SampleHost.Configured(new InterfaceSelection(null, null, null, null, PhysicalAddress.Parse("02-00-00-00-00-99"))), host, "ens4"));
    }
}
