using BootRoute.Cli;
using BootRoute.Reporting;
using Xunit;

namespace BootRoute.Tests.Cli;

/// <summary>No exception reaches the runtime: exit 70 and one line, never 1 and a stack trace (issue #13).</summary>
public sealed class TopLevelGuardTests
{
    [Fact]
    public void An_unexpected_exception_is_one_line_and_exit_70()
    {
        var error = new StringWriter();

        int code = TopLevelGuard.Run(() => throw new InvalidOperationException("broken\nsecond line \u001b[31m"), error);

        Assert.Equal(ExitCodes.InternalError, code);
        Assert.Equal(70, code);
        string line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("bootroute: internal error: InvalidOperationException: broken second line \\x1b[31m", line.TrimEnd('\r'));
    }

    [Fact]
    public void A_run_that_returns_keeps_its_exit_code_and_says_nothing()
    {
        var error = new StringWriter();

        Assert.Equal(ExitCodes.Busy, TopLevelGuard.Run(() => ExitCodes.Busy, error));
        Assert.Empty(error.ToString());
    }
}
