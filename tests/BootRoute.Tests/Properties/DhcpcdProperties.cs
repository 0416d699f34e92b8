using BootRoute.Discovery;
using BootRoute.Discovery.Dhcpcd;
using CsCheck;
using Xunit;

namespace BootRoute.Tests.Properties;

/// <summary>dhcpcd's binary lease (a raw DHCPACK) and the RFC 3442 decoder it shares with the other clients.</summary>
public sealed class DhcpcdProperties
{
    private static readonly Gen<DateTimeOffset> Written = Gen.OneOf(
        Gen.Const(LeaseModel.Written), Gen.Const(DateTimeOffset.MaxValue), Gen.Const(DateTimeOffset.MinValue),
        Gen.Const(DateTimeOffset.MaxValue.AddSeconds(-100)), Gen.DateTimeOffset);

    private static readonly Gen<byte[]> Messages = Gen.Frequency(
        (3, Hostile.MutatedBytes(Gen.OneOf(Fixtures.Bytes("dhcpcd")))),
        (4, Hostile.MutatedBytes(LeaseModel.Any.Select(m => m.Dhcpcd()))),
        (1, Gen.Byte.Array[0, 700]),
        (1, LeaseModel.Any.Select(Gen.Byte.Array[0, 300], (m, tail) => m.Dhcpcd()[..^1].Concat(tail).ToArray())));

    [Fact]
    public void Any_bytes_give_a_lease_within_bounds_or_one_diagnostic_and_never_throw() =>
        Gen.Select(Messages, Written).Sample((bytes, written) => Hostile.InBoundedTime(() =>
        {
            var (lease, diagnostic) = DhcpcdLeaseParser.Parse(bytes, "ens4", written, "/var/lib/dhcpcd/ens4.lease");
            Assert.True(lease is null != diagnostic is null);
            LeaseBounds.Check(lease, diagnostic is null ? [] : [diagnostic]);
            Assert.True(lease?.Expiry is null || lease.Expiry >= written, "a lease ends before it was written");
        }), iter: 2_000);

    [Fact]
    public void A_written_lease_reads_back_as_written_with_its_expiry_clamped() =>
        Gen.Select(LeaseModel.Any, Written).Sample((model, written) =>
        {
            var (lease, diagnostic) = DhcpcdLeaseParser.Parse(model.Dhcpcd(), model.Interface, written, "/var/lib/dhcpcd/x.lease");
            model.AssertReadBack(lease, diagnostic is null ? [] : [diagnostic]);
            var expected = model.Lifetime == uint.MaxValue ? (DateTimeOffset?)null : LeaseValues.ExpiryAfter(written, TimeSpan.FromSeconds(model.Lifetime));
            Assert.Equal(expected, lease!.Expiry);
        }, iter: 500);

    [Fact]
    public void Classless_routes_decode_to_what_was_encoded_and_garbage_never_throws()
    {
        Gen.Select(LeaseModel.Any, LeaseModel.Route.Array[0, 8]).Sample((model, routes) =>
        {
            model = model with { Routes = routes };
            Assert.True(ClasslessStaticRouteDecoder.TryDecode(model.Option121(), out var decoded, out string? error), error);
            Assert.Equal(routes, decoded);
        }, iter: 500);
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            bool ok = ClasslessStaticRouteDecoder.TryDecode(bytes, out var decoded, out string? error);
            Assert.True(ok ? error is null : error is not null && decoded.Count >= 0);
            Assert.All(decoded, r => Assert.InRange(r.Destination.PrefixLength, 0, 32));
        }, iter: 1_000);
    }
}
