using System.Net;
using BootRoute.Discovery.Dhclient;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>Hand-written edge cases the fixtures do not cover.</summary>
public class DhclientLeaseParserTests
{
    private static string Block(string iface, string address, string extra = "", string expire = "expire 4 2025/01/02 01:00:00;") => $$"""
        lease {
          interface "{{iface}}";
          fixed-address {{address}};
          option subnet-mask 255.255.255.0;
          {{extra}}
          {{expire}}
        }

        """;

    private static string Routes(DhclientLeaseBlock block) =>
        string.Join(", ", block.Lease.ClasslessStaticRoutes.Select(r => $"{r.Destination} via {r.Gateway}"));

    [Fact]
    public void Last_block_per_interface_wins_and_interfaces_are_kept_apart()
    {
        string text = Block("ens4", "100.64.1.5") + Block("ens5", "100.64.2.5") + Block("ens4", "100.64.1.6");

        var file = DhclientLeaseParser.Parse(text, "/l");

        Assert.Equal(3, file.Blocks.Count);
        var last = file.LastPerInterface().ToDictionary(b => b.Lease.Interface, b => b.Lease.Address.ToString());
        Assert.Equal("100.64.1.6", last["ens4"]);
        Assert.Equal("100.64.2.5", last["ens5"]);
    }

    [Theory]
    [InlineData("0,100,64,1,1", "0.0.0.0/0 via 100.64.1.1")]
    [InlineData("32,169,254,169,254,100,64,1,1", "169.254.169.254/32 via 100.64.1.1")]
    [InlineData("24,198,51,100,100,64,1,1", "198.51.100.0/24 via 100.64.1.1")]
    [InlineData("20,100,64,16,100,64,1,1", "100.64.16.0/20 via 100.64.1.1")]
    [InlineData("9,100,192,100,64,1,1", "100.128.0.0/9 via 100.64.1.1")] // the 64 bit is past /9: cleared
    [InlineData("25,203,0,113,128,100,64,1,1", "203.0.113.128/25 via 100.64.1.1")]
    [InlineData("18:64:40:1:64:40:1:1:0:64:40:1:fe", "100.64.1.0/24 via 100.64.1.1, 0.0.0.0/0 via 100.64.1.254")]
    public void Option_121_decodes(string value, string expected)
    {
        string option = value.Contains(':', StringComparison.Ordinal) ? "unknown-121" : "rfc3442-classless-static-routes";
        var file = DhclientLeaseParser.Parse(Block("ens4", "100.64.1.5", $"option {option} {value};"), "/l");

        Assert.Empty(file.Diagnostics);
        Assert.Equal(expected, Routes(Assert.Single(file.Blocks)));
    }

    [Fact]
    public void Routers_ignored_when_121_present_even_without_default()
    {
        string extra = "option routers 100.64.1.254,100.64.1.253;\n option rfc3442-classless-static-routes 32,169,254,169,254,100,64,1,1;";

        var lease = Assert.Single(DhclientLeaseParser.Parse(Block("ens4", "100.64.1.5", extra), "/l").Blocks).Lease;

        Assert.Null(lease.Gateway);
        Assert.Single(lease.ClasslessStaticRoutes);
    }

    [Fact]
    public void First_router_is_the_gateway_without_121()
    {
        var lease = Assert.Single(DhclientLeaseParser.Parse(Block("ens4", "100.64.1.5", "option routers 100.64.1.254,100.64.1.253;"), "/l").Blocks).Lease;

        Assert.Equal(IPAddress.Parse("100.64.1.254"), lease.Gateway);
    }

    [Fact]
    public void Option_121_wins_over_249()
    {
        string extra = "option ms-classless-static-routes 0,100,64,1,9;\n option unknown-121 0:64:40:1:1;";

        var lease = Assert.Single(DhclientLeaseParser.Parse(Block("ens4", "100.64.1.5", extra), "/l").Blocks).Lease;

        Assert.Equal(IPAddress.Parse("100.64.1.1"), lease.Gateway);
    }

    [Fact]
    public void Epoch_and_never_times()
    {
        string extra = "renew epoch 1735732800; # Wed Jan 01 12:00:00 2025\n rebind never;";

        var block = Assert.Single(DhclientLeaseParser.Parse(Block("ens4", "100.64.1.5", extra, "expire never;"), "/l").Blocks);

        Assert.Equal(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero), block.Renew);
        Assert.Null(block.Rebind);
        Assert.Null(block.Lease.Expiry);
    }

    [Fact]
    public void Expired_lease_is_still_reported_with_its_expiry()
    {
        var lease = Assert.Single(DhclientLeaseParser.Parse(Block("ens4", "100.64.1.5", expire: "expire 3 2001/01/03 04:05:06;"), "/l").Blocks).Lease;

        Assert.Equal(new DateTimeOffset(2001, 1, 3, 4, 5, 6, TimeSpan.Zero), lease.Expiry);
    }

    [Theory]
    [InlineData("option rfc3442-classless-static-routes 24,100,64;", "/l:1: lease for ens4 skipped: line 5: option rfc3442-classless-static-routes: route at byte 0 (/24) needs 8 bytes, only 3 left")]
    [InlineData("option rfc3442-classless-static-routes 33,1,2,3,4,5,6,7,8,9;", "/l:1: lease for ens4 skipped: line 5: option rfc3442-classless-static-routes: prefix width 33 at byte 0 is over 32")]
    [InlineData("option unknown-121 0:zz:1:1:1;", "/l:1: lease for ens4 skipped: line 5: option unknown-121: \"zz\" is not a byte in \"0:zz:1:1:1\"")]
    [InlineData("option routers 100.64.1;", "/l:1: lease for ens4 skipped: line 5: option routers must be an IPv4 address, not \"100.64.1\"")]
    [InlineData("renew 1 2025/13/45 99:00:00;", "/l:1: lease for ens4 skipped: line 5: renew must be \"never\", \"epoch N\" or \"W YYYY/MM/DD HH:MM:SS\", not \"1 2025/13/45 99:00:00\"")]
    public void Bad_values_give_one_diagnostic_line_and_drop_the_block(string extra, string expected)
    {
        var file = DhclientLeaseParser.Parse(Block("ens4", "100.64.1.5", extra), "/l");

        Assert.Empty(file.Blocks);
        Assert.Equal(expected, Assert.Single(file.Diagnostics));
    }

    [Fact]
    public void Garbage_block_gives_diagnostic_and_good_blocks_survive()
    {
        string text = Block("ens4", "100.64.1.5") + "lease {\n  this is not a lease;\n}\n" + Block("ens5", "banana");

        var file = DhclientLeaseParser.Parse(text, "/var/lib/dhcp/dhclient.leases");

        Assert.Equal("ens4", Assert.Single(file.Blocks).Lease.Interface);
        Assert.Equal(
            [
                "/var/lib/dhcp/dhclient.leases:8: lease skipped: lease has no fixed-address; lease has no interface statement",
                "/var/lib/dhcp/dhclient.leases:11: lease for ens5 skipped: line 13: fixed-address must be an IPv4 address, not \"banana\"",
            ],
            file.Diagnostics);
    }

    [Fact]
    public void Truncated_file_keeps_earlier_blocks()
    {
        string text = Block("ens4", "100.64.1.5") + "lease {\n  interface \"ens4\";\n  fixed-address 100.64.1.9;\n  opt";

        var file = DhclientLeaseParser.Parse(text, "/l");

        Assert.Equal("100.64.1.5", Assert.Single(file.Blocks).Lease.Address.ToString());
        Assert.Equal("/l:8: lease block is not closed before the end of the file (truncated write?)", Assert.Single(file.Diagnostics));
    }

    [Fact]
    public void Non_contiguous_mask_is_rejected()
    {
        string text = "lease { interface \"ens4\"; fixed-address 100.64.1.5; option subnet-mask 255.0.255.0; }";

        var file = DhclientLeaseParser.Parse(text, "/l");

        Assert.Equal("/l:1: lease for ens4 skipped: line 1: option subnet-mask 255.0.255.0 is not a contiguous mask", Assert.Single(file.Diagnostics));
    }

    [Fact]
    public void Top_level_statements_and_lease6_blocks_are_skipped()
    {
        string text = "default-duid \"\\000\\001\\000\\001\";\nlease6 {\n  interface \"ens4\";\n  ia-na 1a:2b { iaaddr 2001:db8::1 { max-life 10; } }\n}\n" + Block("ens4", "100.64.1.5");

        var file = DhclientLeaseParser.Parse(text, "/l");

        Assert.Empty(file.Diagnostics);
        Assert.Single(file.Blocks);
    }

    [Fact]
    public void No_subnet_mask_leaves_prefix_unknown()
    {
        var lease = Assert.Single(DhclientLeaseParser.Parse("lease { interface \"ens4\"; fixed-address 100.64.1.5; }", "/l").Blocks).Lease;

        Assert.Null(lease.PrefixLength);
        Assert.Null(lease.Gateway);
        Assert.Null(lease.Expiry);
    }
}
