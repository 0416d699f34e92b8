using BootRoute.Discovery.Networkd;
using CsCheck;
using Xunit;

namespace BootRoute.Tests.Properties;

/// <summary>systemd-networkd's lease, both forms: KEY=VALUE (up to v256) and JSON (v257 on), and its time spans.</summary>
public sealed class NetworkdProperties
{
    private static readonly string[] Json = Fixtures.Texts("networkd", "json-*");

    /// <summary>JSON nested far past any real lease, and numbers past every integer type.</summary>
    private static readonly Gen<string> HostileJson = Gen.OneOf(
        Gen.Int[1, 5_000].Select(n => new string('[', n) + new string(']', n)),
        Gen.Int[1, 5_000].Select(n => string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n)),
        Gen.OneOf(Hostile.Fragments).Select(f => $"{{\"Address\":[{f}],\"AddressString\":\"{f}\",\"Lifetime\":\"{f}\",\"Router\":[[{f}]]}}"),
        Gen.OneOf("1e400", "-1", "256", "99999999999999999999", "1.5", "\"\\ud800\"", "null", "true", "{}", "[]")
            .Select(v => Json[0].Replace("100,", v + ",", StringComparison.Ordinal)));

    private static readonly Gen<string> Files = Gen.Frequency(
        (3, Hostile.Mutated(Gen.OneOf(Fixtures.Texts("networkd", "*.lease")))),
        (3, Hostile.Mutated(LeaseModel.Any.Select(m => m.NetworkdKeyValue()))),
        (2, HostileJson),
        (1, Hostile.Noise));

    [Fact]
    public void Any_file_gives_a_lease_within_bounds_or_diagnostics_and_never_throws() =>
        Files.Sample(text => Hostile.InBoundedTime(() =>
        {
            var (lease, diagnostics) = NetworkdLeaseParser.Parse(text, "ens4", LeaseModel.Written, "/run/systemd/netif/leases/2");
            LeaseBounds.Check(lease, diagnostics);
        }), iter: 2_000);

    [Fact]
    public void A_written_key_value_lease_reads_back_as_written() =>
        LeaseModel.Any.Sample(model =>
        {
            var (lease, diagnostics) = NetworkdLeaseParser.Parse(model.NetworkdKeyValue(), model.Interface, LeaseModel.Written, "/run/systemd/netif/leases/2");
            model.AssertReadBack(lease, diagnostics);
            // LIFETIME is networkd's uint32: all ones is an infinite lease.
            Assert.Equal(model.Lifetime == uint.MaxValue ? null : LeaseModel.Written.AddSeconds(model.Lifetime), lease!.Expiry);
        }, iter: 500);

    /// <summary>format_timespan's output parses back to the seconds it was made from; any text either parses or is refused.</summary>
    [Fact]
    public void Time_spans_round_trip_and_never_throw()
    {
        Gen.Long[0, 10_000L * 365 * 86_400].Sample(seconds =>
        {
            Assert.True(NetworkdTimespan.TryParse(FormatTimespan(seconds), out var span));
            Assert.Equal(TimeSpan.FromSeconds(seconds), span);
        }, iter: 500);
        Gen.Frequency((1, Hostile.Noise), (2, Gen.OneOf(Hostile.Fragments).Array[1, 5].Select(f => string.Join("1", f) + "s"))).Sample(text =>
        {
            if (NetworkdTimespan.TryParse(text, out var span) && span is { } value)
            {
                Assert.True(value >= TimeSpan.Zero, $"negative span from \"{text}\"");
            }
        }, iter: 1_000);
    }

    /// <summary>systemd's format_timespan() to 1 s accuracy: "1y 2month 3w 4d 5h 6min 7s".</summary>
    private static string FormatTimespan(long seconds)
    {
        if (seconds == 0)
        {
            return "0";
        }
        (string Unit, long Seconds)[] units = [("y", 31_557_600), ("month", 2_629_800), ("w", 604_800), ("d", 86_400), ("h", 3600), ("min", 60), ("s", 1)];
        var parts = new List<string>();
        foreach (var (unit, size) in units)
        {
            if (seconds >= size)
            {
                parts.Add($"{seconds / size}{unit}");
                seconds %= size;
            }
        }
        return string.Join(' ', parts);
    }
}
