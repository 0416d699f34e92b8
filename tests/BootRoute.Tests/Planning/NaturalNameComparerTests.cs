using BootRoute.Planning;
using Xunit;

namespace BootRoute.Tests.Planning;

public class NaturalNameComparerTests
{
    [Fact]
    public void Orders_numbers_by_value_then_ordinally()
    {
        string[] names = ["ens10", "eth0", "ens3", "ens4", "enp0s3", "ens03"];

        Array.Sort(names, NaturalNameComparer.Instance);

        Assert.Equal(["enp0s3", "ens03", "ens3", "ens4", "ens10", "eth0"], names);
    }
}
