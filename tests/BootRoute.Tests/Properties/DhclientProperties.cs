using BootRoute.Discovery.Dhclient;
using CsCheck;
using Xunit;

namespace BootRoute.Tests.Properties;

/// <summary>dhclient.leases(5): the tokenizer, the block reader and the builder, on hostile and on generated files.</summary>
public sealed class DhclientProperties
{
    private const string Path = "/var/lib/dhcp/dhclient.leases";

    private static readonly Gen<string> Files = Gen.Frequency(
        (4, Hostile.Mutated(Gen.OneOf(Fixtures.Texts("dhclient", "*lease*")))),
        (3, Hostile.Mutated(LeaseModel.Any.Select(m => m.Dhclient()).Array[1, 3].Select(string.Concat))),
        (1, Hostile.Noise),
        (1, Gen.Int[1, 20_000].Select(n => "lease " + new string('{', n) + new string('}', n / 2))),
        (1, Gen.Int[1, 2_000].Select(n => string.Concat(Enumerable.Repeat("lease { interface \"ens4\"; option routers 1.2.3.4; ", n)))));

    [Fact]
    public void Any_file_gives_leases_within_bounds_or_diagnostics_and_never_throws() =>
        Files.Sample(text => Hostile.InBoundedTime(() =>
        {
            var file = DhclientLeaseParser.Parse(text, Path);
            foreach (var block in file.Blocks)
            {
                LeaseBounds.Check(block.Lease, file.Diagnostics);
            }
            LeaseBounds.Check(null, file.Diagnostics);
            _ = file.LastPerInterface();
        }), iter: 2_000);

    [Fact]
    public void A_written_lease_reads_back_as_written() =>
        LeaseModel.Any.Sample(model =>
        {
            var file = DhclientLeaseParser.Parse(model.Dhclient(), Path);
            Assert.Single(file.Blocks);
            model.AssertReadBack(file.Blocks[0].Lease, file.Diagnostics);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(model.ExpiryEpoch), file.Blocks[0].Lease.Expiry);
        }, iter: 500);
}
