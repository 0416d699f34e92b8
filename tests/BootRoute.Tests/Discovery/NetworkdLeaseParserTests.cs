using System.Net;
using BootRoute.Discovery.Networkd;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>The fixtures (see Fixtures/networkd/README.md) and hostile text.</summary>
public class NetworkdLeaseParserTests
{
    private static readonly DateTimeOffset Written = new(2026, 11, 23, 9, 40, 0, TimeSpan.Zero);

    internal static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "networkd", name);

    private static Lease Fixture(string name)
    {
        string path = FixturePath(name);
        var (lease, diagnostics) = NetworkdLeaseParser.Parse(File.ReadAllText(path), "ens4", Written, path);
        Assert.Empty(diagnostics);
        return lease!;
    }

    private static string Diagnostic(string content)
    {
        var (lease, diagnostics) = NetworkdLeaseParser.Parse(content, "ens4", Written, "/leases/3");
        Assert.Null(lease);
        string only = Assert.Single(diagnostics);
        const string prefix = "networkd:/leases/3: lease for ens4 skipped: ";
        Assert.StartsWith(prefix, only, StringComparison.Ordinal);
        return only[prefix.Length..];
    }

    private static string Routes(Lease lease) => string.Join(" ", lease.ClasslessStaticRoutes.Select(r => $"{r.Destination}>{r.Gateway}"));

    [Fact]
    public void Key_value_plain_lease()
    {
        var lease = Fixture("kv-plain.lease");

        Assert.Equal("ens4", lease.Interface);
        Assert.Equal(IPAddress.Parse("100.64.1.57"), lease.Address);
        Assert.Equal(24, lease.PrefixLength);
        Assert.Equal(IPAddress.Parse("100.64.1.1"), lease.Gateway);
        Assert.Empty(lease.ClasslessStaticRoutes);
        Assert.Equal(Written.AddHours(1), lease.Expiry); // no acquisition time in this form: mtime + LIFETIME
        Assert.Equal($"networkd:{FixturePath("kv-plain.lease")}", lease.Source);
    }

    [Fact]
    public void Key_value_option_121_default_wins_over_router()
    {
        var lease = Fixture("kv-classless.lease");

        Assert.Equal(20, lease.PrefixLength);
        Assert.Equal(IPAddress.Parse("100.64.2.1"), lease.Gateway);
        Assert.Equal("169.254.169.254/32>100.64.2.2 0.0.0.0/0>100.64.2.1", Routes(lease));
        Assert.Equal(Written.AddDays(1), lease.Expiry);
    }

    [Fact]
    public void Key_value_option_121_without_default_means_no_gateway()
    {
        var lease = Fixture("kv-classless-nodefault.lease");

        Assert.Null(lease.Gateway);
        Assert.Equal("203.0.113.0/24>198.51.100.1", Routes(lease));
    }

    /// <summary>Found by the property tests: JsonDocument cannot transcode a lone surrogate and threw
    /// ArgumentException, not JsonException, so the lease fell to the last-resort handler as "a bug".</summary>
    [Fact]
    public void Json_lease_with_a_lone_surrogate_is_invalid_json()
    {
        Assert.StartsWith("not valid JSON: ", Diagnostic("{\"AddressString\": \"\ud800\"}"), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lease_expiry_counts_from_its_own_timestamp()
    {
        var lease = Fixture("json-classless.lease");

        Assert.Equal(IPAddress.Parse("100.64.3.77"), lease.Address);
        Assert.Equal(24, lease.PrefixLength);
        Assert.Equal(IPAddress.Parse("100.64.3.1"), lease.Gateway); // Router says .254; 121's 0/0 wins
        Assert.Equal("169.254.169.254/32>100.64.3.2 0.0.0.0/0>100.64.3.1", Routes(lease));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 31, 11, 123, 456, TimeSpan.Zero), lease.Expiry);
    }

    [Fact]
    public void Json_lease_with_strings_and_numbers_is_read_too()
    {
        var lease = Fixture("json-strings.lease");

        Assert.Equal(IPAddress.Parse("203.0.113.9"), lease.Address);
        Assert.Equal(25, lease.PrefixLength);
        Assert.Equal(IPAddress.Parse("203.0.113.1"), lease.Gateway);
        Assert.Equal(Written.AddHours(2), lease.Expiry);
    }

    [Theory]
    [InlineData("LIFETIME=4294967295", null)]
    [InlineData("LIFETIME=90", 90)]
    public void Key_value_lifetime(string line, int? seconds)
    {
        var (lease, _) = NetworkdLeaseParser.Parse($"ADDRESS=100.64.1.5\n{line}\n", "ens4", Written, "x");

        Assert.Equal(seconds is null ? null : Written.AddSeconds(seconds.Value), lease!.Expiry);
    }

    [Theory]
    [InlineData("1h", 3600)]
    [InlineData("59min 59s", 3599)]
    [InlineData("1d 2h 3min", 93780)]
    [InlineData("1w", 604800)]
    [InlineData("90", 90)]
    [InlineData("2h30min", 9000)]
    [InlineData("500ms", 0)]
    [InlineData("3655y 2month 1w 2d 3h 4min 5s", 115349076245)] // found by the property tests: came back microseconds off the second
    public void Time_spans(string text, long seconds)
    {
        Assert.True(NetworkdTimespan.TryParse(text, out var span));
        Assert.Equal(TimeSpan.FromSeconds(seconds), span);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5 parsecs")]
    [InlineData("1h x")]
    public void Not_time_spans(string text) => Assert.False(NetworkdTimespan.TryParse(text, out _));

    [Fact]
    public void Json_timestamp_in_another_zone_keeps_the_lease_and_warns()
    {
        var (lease, diagnostics) = NetworkdLeaseParser.Parse(
            """{"Address":[100,64,1,5],"Lifetime":"1h","Timestamp_realtime":"Mon 2026-11-23 10:31:11.000000 CET"}""", "ens4", Written, "/l/3");

        Assert.Equal(Written.AddHours(1), lease!.Expiry);
        Assert.StartsWith("networkd:/l/3: ens4: Timestamp_realtime \"Mon 2026-11-23 10:31:11.000000 CET\" is not", Assert.Single(diagnostics), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 31, 11, TimeSpan.FromHours(1)),
            NetworkdJsonLease.ParseTimestamp("Mon 2026-11-23 10:31:11 +0100"));
    }

    [Fact]
    public void Hostile_text_is_a_diagnostic()
    {
        Assert.Equal("no address", Diagnostic(""));
        Assert.Equal("no address", Diagnostic("# This is private data. Do not parse.\n"));
        Assert.Equal("line 1: not KEY=VALUE", Diagnostic("garbage \u0001\u00ff"));
        Assert.Equal("holds NUL bytes: not a text lease file", Diagnostic("ADDRESS=1.2.3.4\0"));
        Assert.Equal("line 2: ADDRESS: \"100.64.1\" is not an IPv4 address", Diagnostic("# x\nADDRESS=100.64.1\n"));
        Assert.Equal("line 1: NETMASK: \"\uFFFD\" is not an IPv4 address", Diagnostic("NETMASK=\uFFFD"));
        Assert.Equal("netmask 255.0.255.0 is not a contiguous mask", Diagnostic("ADDRESS=100.64.1.5\nNETMASK=255.0.255.0"));
        Assert.Equal("line 2: CLASSLESS_ROUTES: \"0.0.0.0/33,100.64.1.1\" is not dest/len,gateway", Diagnostic("ADDRESS=100.64.1.5\nCLASSLESS_ROUTES=0.0.0.0/33,100.64.1.1"));
        Assert.Equal("line 2: CLASSLESS_ROUTES: \"0.0.0.0/0\" is not dest/len,gateway", Diagnostic("ADDRESS=100.64.1.5\nCLASSLESS_ROUTES=0.0.0.0/0"));
        Assert.Equal("line 2: LIFETIME: \"forever\" is not a number of seconds", Diagnostic("ADDRESS=100.64.1.5\nLIFETIME=forever"));
        Assert.Equal($"over {NetworkdLeaseParser.MaximumLength} bytes: too big for a lease file", Diagnostic(new string('#', 70_000)));
    }

    [Fact]
    public void Hostile_json_is_a_diagnostic()
    {
        Assert.StartsWith("not valid JSON: ", Diagnostic("{\"Address\": [100,64"), StringComparison.Ordinal);
        Assert.StartsWith("not valid JSON: ", Diagnostic(new string('[', 100).Insert(0, "{\"a\":") ), StringComparison.Ordinal);
        Assert.Equal("Address [100,64,1] is not an IPv4 address", Diagnostic("{\"Address\":[100,64,1]}"));
        Assert.Equal("Address [100,64,1,256] is not an IPv4 address", Diagnostic("{\"Address\":[100,64,1,256]}"));
        Assert.Equal("no address", Diagnostic("{}"));
        Assert.Equal("Router {} is not a list of IPv4 addresses", Diagnostic("{\"Address\":\"100.64.1.5\",\"Router\":{}}"));
        Assert.Equal("Classless_Routes[0] is not {Destination, DestinationPrefixLength ≤ 32, Gateway}",
            Diagnostic("{\"Address\":\"100.64.1.5\",\"Classless_Routes\":[{\"Destination\":[0,0,0,0],\"Gateway\":[1,2,3,4]}]}"));
        Assert.Equal("Lifetime true is not a time span", Diagnostic("{\"Address\":\"100.64.1.5\",\"Lifetime\":true}"));
    }

    [Fact]
    public void Json_router_may_be_empty_and_classless_may_be_strings()
    {
        var (lease, diagnostics) = NetworkdLeaseParser.Parse(
            """{"Address":"100.64.1.5","Router":[],"Classless_Routes":[{"DestinationString":"100.64.0.0","DestinationPrefixLength":10,"GatewayString":"100.64.1.1"}]}""",
            "ens4", Written, "x");

        Assert.Empty(diagnostics);
        Assert.Null(lease!.Gateway);
        Assert.Equal("100.64.0.0/10>100.64.1.1", Routes(lease));
    }
}
