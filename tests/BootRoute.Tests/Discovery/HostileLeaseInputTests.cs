using System.Diagnostics;
using BootRoute.Discovery;
using BootRoute.Discovery.Dhclient;
using BootRoute.Discovery.Dhcpcd;
using BootRoute.Discovery.NetworkManager;
using BootRoute.Discovery.Networkd;
using BootRoute.Discovery.OpenStack;
using BootRoute.Model;
using Moq;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>
/// Crafted lease files that crashed or hung a run (issue #13): each now costs at most its own lease,
/// with a diagnostic naming the file, and never an exception.
/// </summary>
public sealed class HostileLeaseInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 40, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EndOfCalendar = new(9999, 12, 31, 23, 0, 0, TimeSpan.Zero);

    private static HostSnapshot Links(params (int Index, string Name)[] links) =>
        new(links.Select(l => new Link(l.Index, l.Name, null, 1500, true, false, null, null)).ToList(), [], [], []);

    [Fact]
    public void Networkd_lifetime_past_the_calendar_never_expires()
    {
        var (lease, diagnostics) = NetworkdLeaseParser.Parse("ADDRESS=100.64.1.5\nLIFETIME=400000000000\n", "ens4", Now, "/l/3");

        Assert.Empty(diagnostics);
        Assert.Equal(DateTimeOffset.MaxValue, lease!.Expiry);
    }

    [Fact]
    public void Networkd_json_timestamp_in_year_9999_plus_lifetime_never_expires()
    {
        const string json = """{"Address":[100,64,1,5],"Lifetime":"1d","Timestamp_realtime":"Fri 9999-12-31 23:00:00.000000 UTC"}""";

        var (lease, diagnostics) = NetworkdLeaseParser.Parse(json, "ens4", Now, "/l/3");

        Assert.Empty(diagnostics);
        Assert.Equal(DateTimeOffset.MaxValue, lease!.Expiry);
    }

    [Fact]
    public void Network_manager_lease_time_from_a_file_written_in_year_9999_never_expires()
    {
        var (lease, diagnostic) = NetworkManagerDeviceParser.Parse(
            "[dhcp4]\nip_address=100.64.1.5\ndhcp_lease_time=86400\n", "ens4", EndOfCalendar, "/d/3");

        Assert.Null(diagnostic);
        Assert.Equal(DateTimeOffset.MaxValue, lease!.Expiry);
    }

    [Fact]
    public void Dhcpcd_lease_time_from_a_file_written_in_year_9999_never_expires()
    {
        byte[] message = DhcpcdLeaseParserTests.Message([51, 4, 0, 1, 81, 128, 255]); // 86400 s

        var (lease, diagnostic) = DhcpcdLeaseParser.Parse(message, "ens4", EndOfCalendar, "/db/ens4.lease");

        Assert.Null(diagnostic);
        Assert.Equal(DateTimeOffset.MaxValue, lease!.Expiry);
    }

    [Fact]
    public void Expiry_is_the_sum_when_it_fits_and_the_end_of_the_calendar_when_not()
    {
        Assert.Equal(Now.AddHours(1), LeaseValues.ExpiryAfter(Now, TimeSpan.FromHours(1)));
        Assert.Equal(DateTimeOffset.MaxValue, LeaseValues.ExpiryAfter(DateTimeOffset.MaxValue, TimeSpan.Zero));
        Assert.Equal(DateTimeOffset.MaxValue, LeaseValues.ExpiryAfter(Now, TimeSpan.MaxValue));
    }

    /// <summary>Year 10000 does not fit a DateTimeOffset; ext4 cannot even store it, tmpfs can.</summary>
    [Fact]
    public void File_time_in_year_10000_counts_as_the_end_of_the_calendar()
    {
        if (!Directory.Exists("/dev/shm"))
        {
            return;
        }
        var dir = Directory.CreateDirectory($"/dev/shm/brl13-{Guid.NewGuid():N}");
        try
        {
            string nm = Path.Combine(dir.FullName, "nm"), networkd = Path.Combine(dir.FullName, "networkd");
            Directory.CreateDirectory(nm);
            Directory.CreateDirectory(networkd);
            File.WriteAllText(Path.Combine(nm, "3"), "[dhcp4]\nip_address=100.64.1.5\ndhcp_lease_time=3600\n");
            File.WriteAllText(Path.Combine(networkd, "3"), "ADDRESS=100.64.1.5\nLIFETIME=3600\n");
            Touch(Path.Combine(nm, "3"), 253402300800); // 10000-01-01
            Touch(Path.Combine(networkd, "3"), 253402300800);

            var fromNm = new NetworkManagerLeaseSource(nm).Read(Links((3, "ens4")));
            var fromNetworkd = new NetworkdLeaseSource(networkd).Read(Links((3, "ens4")));

            Assert.Empty(fromNm.Diagnostics);
            Assert.Equal(DateTimeOffset.MaxValue, Assert.Single(fromNm.Leases).Expiry);
            Assert.Empty(fromNetworkd.Diagnostics);
            Assert.Equal(DateTimeOffset.MaxValue, Assert.Single(fromNetworkd.Leases).Expiry);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void Touch(string path, long epoch)
    {
        using var touch = Process.Start("touch", ["-d", $"@{epoch}", path]);
        touch.WaitForExit();
        Assert.Equal(0, touch.ExitCode);
    }

    [Theory]
    [InlineData("""{"Address":"\ud800"}""", "Address \"\\ud800\" is not an IPv4 address")]
    [InlineData("""{"Address":[100,64,1,5],"Router":["\udc00"]}""", "Router [\"\\udc00\"] is not a list of IPv4 addresses")]
    [InlineData("""{"Address":[100,64,1,5],"Lifetime":"1h\ud800"}""", "Lifetime \"1h\\ud800\" is not a time span")]
    public void Networkd_json_lone_surrogate_is_a_bad_value(string json, string expected)
    {
        var (lease, diagnostics) = NetworkdLeaseParser.Parse(json, "ens4", Now, "/l/3");

        Assert.Null(lease);
        Assert.Equal($"networkd:/l/3: lease for ens4 skipped: {expected}", Assert.Single(diagnostics));
    }

    [Fact]
    public void Networkd_json_lone_surrogate_in_the_timestamp_only_costs_its_start()
    {
        const string json = """{"Address":[100,64,1,5],"Lifetime":"1h","Timestamp_realtime":"\ud800"}""";

        var (lease, diagnostics) = NetworkdLeaseParser.Parse(json, "ens4", Now, "/l/3");

        Assert.Equal(Now.AddHours(1), lease!.Expiry);
        Assert.StartsWith("networkd:/l/3: ens4: Timestamp_realtime \"\\ud800\" is not", Assert.Single(diagnostics), StringComparison.Ordinal);
    }

    [Fact]
    public void Network_data_lone_surrogate_costs_only_that_link()
    {
        const string json = """
            {"links": [{"id": "\ud800", "type": "phy", "ethernet_mac_address": "fa:16:3e:00:00:04"},
                       {"id": "tap2", "type": "phy", "ethernet_mac_address": "\udfff"}],
             "networks": [{"id": "n", "type": "ipv4", "link": "tap1", "ip_address": "\ud800", "netmask": "255.255.255.0"}]}
            """;

        var result = NetworkDataParser.Parse(json, "/nd.json", NetworkDataParserTests.Nics);

        Assert.Empty(result.Leases);
        Assert.Contains(result.Diagnostics, d => d.Contains("id must be text, not \"\\ud800\"", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Contains("ethernet_mac_address must be text, not \"\\udfff\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Dhclient_200000_nested_braces_are_refused_quickly()
    {
        string good = "lease {\n  interface \"ens4\";\n  fixed-address 100.64.1.5;\n}\n";
        string hostile = good + "lease " + new string('{', 200_000) + "\n" + good.Replace("ens4", "ens5", StringComparison.Ordinal);
        var clock = Stopwatch.StartNew();

        var file = DhclientLeaseParser.Parse(hostile, "/l");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal("ens4", Assert.Single(file.Blocks).Lease.Interface);
        Assert.Equal($"/l:5: block nested over {DhclientLeaseParser.MaximumDepth} levels deep: not a dhclient lease; the rest of the file is skipped",
            Assert.Single(file.Diagnostics));
    }

    [Fact]
    public void Dhclient_nesting_as_deep_as_lease6_is_still_read_around()
    {
        string text = "lease6 { ia-na 1 { iaaddr 2001:db8::1 { starts 1; } } }\n"
            + "lease {\n  interface \"ens4\";\n  fixed-address 100.64.1.5;\n  option x { y; }\n}\n";

        var file = DhclientLeaseParser.Parse(text, "/l");

        Assert.Empty(file.Diagnostics);
        Assert.Equal("ens4", Assert.Single(file.Blocks).Lease.Interface);
    }

    [Fact]
    public void A_source_that_throws_costs_only_its_own_leases()
    {
        var broken = new Mock<ILeaseSource>();
        broken.Setup(s => s.Name).Returns("broken");
        broken.Setup(s => s.Read(It.IsAny<HostSnapshot>())).Throws(new InvalidOperationException("boom\nsecond line"));
        var good = new Mock<ILeaseSource>();
        good.Setup(s => s.Name).Returns("good");
        good.Setup(s => s.Read(It.IsAny<HostSnapshot>())).Returns(new LeaseReadResult(
            [new Lease("ens4", System.Net.IPAddress.Parse("100.64.1.5"), 24, null, [], "good")], []));

        var result = LeaseReader.Read([broken.Object, good.Object], Links(), Now);

        Assert.Equal("ens4", Assert.Single(result.Leases).Interface);
        Assert.Equal("broken: source skipped: unexpected InvalidOperationException: boom second line (a bug in BootRoute: please report it)",
            Assert.Single(result.Diagnostics));
    }

    [Fact]
    public void An_unexpected_failure_names_the_file_on_one_line()
    {
        Assert.Equal("networkd:/l/3: lease file skipped: unexpected ArgumentOutOfRangeException: a b (a bug in BootRoute: please report it with this file)",
            LeaseFileFailure.Describe("networkd", "/l/3", new ArgumentOutOfRangeException(null, "a\nb")));
    }

    /// <summary>A lease path that is a FIFO, or a link to /dev/zero: each source says so and reads on.</summary>
    [Fact]
    public async Task Lease_files_that_are_no_regular_files_are_skipped_promptly_with_a_diagnostic()
    {
        var dir = Directory.CreateTempSubdirectory("brl13-special-");
        try
        {
            string networkd = dir.CreateSubdirectory("networkd").FullName, nm = dir.CreateSubdirectory("nm").FullName;
            string dhclient = dir.CreateSubdirectory("dhclient").FullName, dhcpcd = dir.CreateSubdirectory("dhcpcd").FullName;
            string openstack = dir.CreateSubdirectory("openstack").FullName;
            Mkfifo(Path.Combine(networkd, "3"));
            File.WriteAllText(Path.Combine(networkd, "4"), "ADDRESS=100.64.2.5\n");
            File.CreateSymbolicLink(Path.Combine(nm, "3"), "/dev/zero");
            Mkfifo(Path.Combine(dhclient, "dhclient.ens4.leases"));
            File.CreateSymbolicLink(Path.Combine(dhcpcd, "ens4.lease"), "/dev/zero");
            Directory.CreateDirectory(Path.Combine(openstack, "openstack", "latest"));
            Mkfifo(Path.Combine(openstack, "openstack", "latest", "network_data.json"));
            var snapshot = Links((3, "ens4"), (4, "ens5"));
            ILeaseSource[] sources =
            [
                new NetworkdLeaseSource(networkd), new NetworkManagerLeaseSource(nm), new DhclientLeaseSource(dhclient),
                new DhcpcdLeaseSource(dhcpcd), new OpenStackLeaseSource(openstack),
            ];

            // WaitAsync throws TimeoutException if a FIFO hangs discovery (the old behaviour: forever).
            var read = await Task.Run(() => LeaseReader.Read(sources, snapshot, Now)).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal("ens5", Assert.Single(read.Leases).Interface);
            Assert.Equal(
            [
                $"networkd:{networkd}/3: cannot read: {networkd}/3: refused: a FIFO, not a regular file",
                $"networkmanager:{nm}/3: cannot read: {nm}/3: refused: a character device, not a regular file",
                $"dhclient:{dhclient}/dhclient.ens4.leases: cannot read: {dhclient}/dhclient.ens4.leases: refused: a FIFO, not a regular file",
                $"dhcpcd:{dhcpcd}/ens4.lease: cannot read: {dhcpcd}/ens4.lease: refused: a character device, not a regular file",
                $"openstack:{openstack}/openstack/latest/network_data.json: cannot read: {openstack}/openstack/latest/network_data.json: refused: a FIFO, not a regular file",
            ], read.Diagnostics);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_lease_file_over_the_cap_is_skipped_with_a_diagnostic()
    {
        var dir = Directory.CreateTempSubdirectory("brl13-big-");
        try
        {
            string path = Path.Combine(dir.FullName, "dhclient.ens4.leases");
            File.WriteAllBytes(path, new byte[2 << 20]);

            var result = new DhclientLeaseSource(dir.FullName).Read(Links());

            Assert.Empty(result.Leases);
            Assert.Equal($"dhclient:{path}: cannot read: {path}: refused: larger than 1 MiB, the most a file BootRoute reads may hold",
                Assert.Single(result.Diagnostics));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void Mkfifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
