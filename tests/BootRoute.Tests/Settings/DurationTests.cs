using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Settings;

public sealed class DurationTests
{
    /// <summary>Found by the property tests: "32.544" parsed through a double came back as 32.5439999 s.</summary>
    [Theory]
    [InlineData("32.544", 32_544)]
    [InlineData("32.544s", 32_544)]
    [InlineData("0.1", 100)]
    [InlineData("500ms", 500)]
    [InlineData("600s", 600_000)]
    public void Durations_are_exactly_what_is_written(string text, int milliseconds)
    {
        Assert.True(SettingScalars.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("99999999999999999999999999999999s")]
    [InlineData("922337203685478s")]
    [InlineData("1e3")]
    public void Durations_past_what_a_time_span_holds_or_not_decimal_are_refused(string text) =>
        Assert.False(SettingScalars.TryParseDuration(text, out _));
}
