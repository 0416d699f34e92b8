using System.Net;
using BootRoute.Discovery.Dhclient;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>dhclient -6's lease6 blocks: the IA_NA addresses of a NIC, /128, no router, expiring at starts + max-life.</summary>
public sealed class DhclientLease6Tests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("brset-leases6-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "dhclient", name));

    private static string Describe(IPv6Lease lease) => $"{lease.Interface} {lease.Address}/{lease.PrefixLength} via {lease.Router?.ToString() ?? "-"} until {lease.Expiry:u}";

    [Fact]
    public void The_real_dhclient_6_lease_gives_its_ia_na_address_without_a_router()
    {
        var (leases, diagnostics) = DhclientLease6Parser.Parse(Fixture("dhclient6.ens4.leases"), "/var/lib/dhcp/dhclient6.ens4.leases");

        Assert.Empty(diagnostics);
        // starts 1796192398 + max-life 7200
        Assert.Equal(["ens4 2001:db8:2::1f8/128 via - until 2026-12-02 08:19:58Z"], leases.Select(Describe));
        Assert.Equal("dhclient:/var/lib/dhcp/dhclient6.ens4.leases", leases[0].Source);
    }

    [Fact]
    public void The_last_lease6_block_of_an_interface_wins_and_temporary_and_delegated_prefixes_are_not_its_addresses()
    {
        string content = """
            lease6 { interface "ens4"; ia-na 1:2:3:4 { starts 100; iaaddr 2001:db8:2::10 { starts 100; max-life 4294967295; } } }
            lease6 {
              interface "ens4";
              ia-na 1:2:3:4 { starts 200; iaaddr 2001:db8:2::20 { starts 200; preferred-life 10; max-life 60; } iaaddr 2001:db8:2::21 { starts 200; max-life 60; } }
              ia-ta 5:6:7:8 { iaaddr 2001:db8:2::99 { starts 200; max-life 60; } }
              ia-pd 9:a:b:c { iaprefix 2001:db8:77::/56 { starts 200; max-life 60; } }
            }
            lease6 { interface "ens5"; ia-na 1:2:3:5 { iaaddr 2001:db8:5::10 { starts 100; max-life 4294967295; } } }
            """;

        var (leases, diagnostics) = DhclientLease6Parser.Parse(content, "x");

        Assert.Empty(diagnostics);
        Assert.Equal(
            ["ens4 2001:db8:2::20/128 via - until 1970-01-01 00:04:20Z", "ens4 2001:db8:2::21/128 via - until 1970-01-01 00:04:20Z", "ens5 2001:db8:5::10/128 via - until "],
            leases.Select(Describe));
    }

    [Theory]
    [InlineData("lease6 { ia-na 1 { iaaddr 2001:db8::1 { } } }", "x:1: lease6 block names no interface; skipped")]
    [InlineData("lease6 { interface \"ens4\"; ia-na 1 { iaaddr fe80::1 { } } }", "x:1: iaaddr is not a global IPv6 address; skipped")]
    [InlineData("lease6 { interface \"ens4\"; ia-na 1 { iaaddr 100.64.1.1 { } } }", "x:1: iaaddr is not a global IPv6 address; skipped")]
    [InlineData("lease6 { interface \"ens4\"; ia-na 1 { iaaddr 2001:db8::1 { starts 1;", "x: lease6 block is not closed before the end of the file (truncated write?)")]
    [InlineData("lease6 { interface \"ens4; }", "x:1: string is not closed before the end of the file")]
    [InlineData("lease6 { { { { { { { { { } } } } } } } } }", "x:1: block nested over 8 levels deep: not a dhclient lease; the rest of the file is skipped")]
    public void Hostile_or_truncated_blocks_are_one_line_naming_the_file(string content, string expected)
    {
        var (leases, diagnostics) = DhclientLease6Parser.Parse(content, "x");

        Assert.Empty(leases);
        Assert.Contains(expected, diagnostics);
    }

    [Fact]
    public void The_source_reads_lease6_only_from_dhclient6_files_and_ipv4_only_from_the_others()
    {
        File.WriteAllText(Path.Combine(_dir, "dhclient6.ens4.leases"), Fixture("dhclient6.ens4.leases"));
        File.WriteAllText(Path.Combine(_dir, "dhclient.ens4.leases"),
            "lease {\n  interface \"ens4\";\n  fixed-address 100.64.2.10;\n}\nlease6 { interface \"ens4\"; ia-na 1 { iaaddr 2001:db8:9::9 { } } }\n");

        var result = new DhclientLeaseSource(_dir).Read(new HostSnapshot([], [], [], []));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("100.64.2.10", Assert.Single(result.Leases).Address.ToString());
        Assert.Equal(IPAddress.Parse("2001:db8:2::1f8"), Assert.Single(result.IPv6).Address);
    }
}
