using BootRoute.Cli;
using BootRoute.Reporting;
using BootRoute.Stages;
using Xunit;

namespace BootRoute.Tests.Cli;

public sealed class JournalStreamTests
{
    [Theory]
    [InlineData(null, "8:12345", "socket:[12345]", true)]    // systemd connected stderr to the journal
    [InlineData(null, "8:12345", "socket:[99999]", false)]   // inherited variable, stderr is another socket
    [InlineData(null, "8:12345", "/var/log/hook.log", false)] // inherited variable, stderr redirected to a file
    [InlineData(null, "8:12345", "/dev/pts/0", false)]
    [InlineData(null, null, "socket:[12345]", false)]
    [InlineData(null, "garbage", "socket:[12345]", false)]
    [InlineData("1", null, "/dev/pts/0", true)]               // forced (hooks under systemd-cat)
    [InlineData("0", "8:12345", "socket:[12345]", false)]     // forced off
    public void Detect(string? force, string? journalStream, string? stderrTarget, bool expected) =>
        Assert.Equal(expected, JournalStream.Detect(force, journalStream, stderrTarget));

    [Fact]
    public void Version_NamesVersionAndCommit()
    {
        Assert.Matches(@"^bootroute \d+\.\d+\.\d+\S* \(commit ([0-9a-f]{7,40}|unknown)\)$", BuildInfo.Describe());
    }
}
