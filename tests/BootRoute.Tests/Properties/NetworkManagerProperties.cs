using BootRoute.Discovery.NetworkManager;
using CsCheck;
using Xunit;

namespace BootRoute.Tests.Properties;

/// <summary>NetworkManager's device state file (a GKeyFile with a [dhcp4] group).</summary>
public sealed class NetworkManagerProperties
{
    private static readonly Gen<string> Files = Gen.Frequency(
        (3, Hostile.Mutated(Gen.OneOf(Fixtures.Texts("networkmanager")))),
        (3, Hostile.Mutated(LeaseModel.Any.Select(m => m.NetworkManager()))),
        (1, Gen.Int[1, 3_000].Select(n => string.Concat(Enumerable.Repeat("[dhcp4]\nip_address=1.2.3.4\n", n)))),
        (1, Hostile.Noise));

    [Fact]
    public void Any_file_gives_a_lease_within_bounds_or_one_diagnostic_and_never_throws() =>
        Files.Sample(text => Hostile.InBoundedTime(() =>
        {
            var (lease, diagnostic) = NetworkManagerDeviceParser.Parse(text, "ens4", LeaseModel.Written, "/run/NetworkManager/devices/2");
            Assert.False(lease is not null && diagnostic is not null);
            LeaseBounds.Check(lease, diagnostic is null ? [] : [diagnostic]);
        }), iter: 1_500);

    [Fact]
    public void A_written_device_file_reads_back_as_written() =>
        LeaseModel.Any.Sample(model =>
        {
            var (lease, diagnostic) = NetworkManagerDeviceParser.Parse(model.NetworkManager(), model.Interface, LeaseModel.Written, "/run/NetworkManager/devices/2");
            model.AssertReadBack(lease, diagnostic is null ? [] : [diagnostic]);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(model.ExpiryEpoch), lease!.Expiry);
        }, iter: 500);
}
