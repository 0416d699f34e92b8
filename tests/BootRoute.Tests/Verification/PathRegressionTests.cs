using BootRoute.Verification;
using Xunit;

namespace BootRoute.Tests.Verification;

public class PathRegressionTests
{
    [Fact]
    public void Only_a_probe_that_passed_before_and_fails_after_is_a_regression()
    {
        PathCheck[] before = [new("next hop", true, "via 100.64.1.1"), new("target 192.0.2.10", false, "silent"), new("target 192.0.2.20", true, "ok")];
        PathCheck[] after = [new("next hop", false, "via 100.64.1.254 dev ens3: no echo reply"), new("target 192.0.2.10", false, "silent"),
            new("target 192.0.2.20", true, "ok")];

        Assert.Equal(["next hop: via 100.64.1.254 dev ens3: no echo reply"], PathRegression.Find(before, after));
    }

    [Fact]
    public void A_path_that_was_broken_before_or_still_works_is_no_regression()
    {
        PathCheck[] broken = [new("next hop", false, "silent")];
        PathCheck[] working = [new("next hop", true, "ok")];

        Assert.Empty(PathRegression.Find(broken, broken));
        Assert.Empty(PathRegression.Find(working, working));
        Assert.Empty(PathRegression.Find(broken, working));
    }
}
