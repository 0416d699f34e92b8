using System.Net;
using BootRoute.Discovery.NetworkManager;
using BootRoute.Model;
using Xunit;

namespace BootRoute.Tests.Discovery;

/// <summary>The fixtures (see Fixtures/networkmanager/README.md) and hostile text.</summary>
public class NetworkManagerDeviceParserTests
{
    private static readonly DateTimeOffset Written = new(2026, 11, 23, 9, 40, 0, TimeSpan.Zero);

    internal static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "networkmanager", name);

    private static Lease? Fixture(string name)
    {
        string path = FixturePath(name);
        var (lease, diagnostic) = NetworkManagerDeviceParser.Parse(File.ReadAllText(path), "ens4", Written, path);
        Assert.Null(diagnostic);
        return lease;
    }

    private static string Diagnostic(string content)
    {
        var (lease, diagnostic) = NetworkManagerDeviceParser.Parse(content, "ens4", Written, "/d/3");
        Assert.Null(lease);
        const string prefix = "networkmanager:/d/3: lease for ens4 skipped: ";
        Assert.StartsWith(prefix, diagnostic, StringComparison.Ordinal);
        return diagnostic![prefix.Length..];
    }

    private static Lease Parse(string dhcp4) =>
        NetworkManagerDeviceParser.Parse($"[device]\nmanaged=true\n[dhcp4]\nip_address=100.64.1.5\n{dhcp4}\n", "ens4", Written, "x").Lease!;

    private static string Routes(Lease lease) => string.Join(" ", lease.ClasslessStaticRoutes.Select(r => $"{r.Destination}>{r.Gateway}"));

    [Fact]
    public void Plain_lease()
    {
        var lease = Fixture("device-plain")!;

        Assert.Equal("ens4", lease.Interface);
        Assert.Equal(IPAddress.Parse("100.64.1.57"), lease.Address);
        Assert.Equal(24, lease.PrefixLength);
        Assert.Equal(IPAddress.Parse("100.64.1.1"), lease.Gateway);
        Assert.Empty(lease.ClasslessStaticRoutes);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795435871), lease.Expiry);
        Assert.Equal($"networkmanager:{FixturePath("device-plain")}", lease.Source);
    }

    [Fact]
    public void Option_121_default_wins_over_routers()
    {
        var lease = Fixture("device-classless")!;

        Assert.Equal(20, lease.PrefixLength);
        Assert.Equal(IPAddress.Parse("100.64.2.1"), lease.Gateway);
        Assert.Equal("169.254.169.254/32>100.64.2.2 0.0.0.0/0>100.64.2.1", Routes(lease));
    }

    /// <summary>Written by the real NetworkManager 1.42.4 (internal DHCP client) in tests/boot's NetworkManager image.</summary>
    [Fact]
    public void Real_networkmanager_lease_with_option_121()
    {
        var lease = Fixture("device-real-nm-1.42-classless")!;

        Assert.Equal(IPAddress.Parse("100.64.2.10"), lease.Address);
        Assert.Equal(24, lease.PrefixLength);
        Assert.Equal(IPAddress.Parse("100.64.2.1"), lease.Gateway);
        Assert.Equal("169.254.169.254/32>100.64.2.1 0.0.0.0/0>100.64.2.1", Routes(lease));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796184947), lease.Expiry);
    }

    [Fact]
    public void Option_249_without_default_means_no_gateway_and_expiry_falls_back_to_lease_time()
    {
        var lease = Fixture("device-ms249-nodefault")!;

        Assert.Null(lease.Gateway);
        Assert.Equal("203.0.113.0/24>198.51.100.1", Routes(lease));
        Assert.Equal(Written.AddHours(1), lease.Expiry);
    }

    [Fact]
    public void Device_without_dhcp4_has_no_lease_and_no_diagnostic()
    {
        Assert.Null(Fixture("device-unmanaged"));
        Assert.Equal((null, null), NetworkManagerDeviceParser.Parse("", "ens4", Written, "x"));
    }

    [Fact]
    public void Tolerates_prefixed_keys_spaces_escapes_and_dhclient_byte_routes()
    {
        var lease = NetworkManagerDeviceParser.Parse(
            "[dhcp4]\n  dhcp4.ip_address = 100.64.1.5\r\ndhcp4.subnet_mask=255.255.255.0\nrouters=\\s100.64.1.9\n"
            + "classless_static_routes=10 100 64 100 64 1 1 0 100 64 1 2\n", "ens4", Written, "x").Lease!;

        Assert.Equal(IPAddress.Parse("100.64.1.5"), lease.Address);
        Assert.Equal(24, lease.PrefixLength);
        Assert.Equal(IPAddress.Parse("100.64.1.2"), lease.Gateway);
        Assert.Equal("100.64.0.0/10>100.64.1.1 0.0.0.0/0>100.64.1.2", Routes(lease));
    }

    [Fact]
    public void Option_121_wins_over_249_and_infinite_lease_time_has_no_expiry()
    {
        var lease = Parse("ms_classless_static_routes=0.0.0.0/0 100.64.1.8\nrfc3442_classless_static_routes=0.0.0.0/0 100.64.1.7\ndhcp_lease_time=4294967295");

        Assert.Equal(IPAddress.Parse("100.64.1.7"), lease.Gateway);
        Assert.Null(lease.Expiry);
    }

    [Fact]
    public void Hostile_text_is_a_diagnostic()
    {
        Assert.Equal("[dhcp4] has no ip_address", Diagnostic("[dhcp4]\nrouters=100.64.1.1"));
        Assert.Equal("line 1: group header without ']'", Diagnostic("[dhcp4"));
        Assert.Equal("line 2: not key=value", Diagnostic("[dhcp4]\n\u0001\u00ff garbage"));
        Assert.Equal("holds NUL bytes: not a key file", Diagnostic("[dhcp4]\nip_address=1.2.3.4\0"));
        Assert.Equal("ip_address \"100.64.1\" is not an IPv4 address", Diagnostic("[dhcp4]\nip_address=100.64.1"));
        Assert.Equal("subnet_mask \"255.0.255.0\" is not a contiguous IPv4 mask", Diagnostic("[dhcp4]\nip_address=100.64.1.5\nsubnet_mask=255.0.255.0"));
        Assert.Equal("routers \"x 100.64.1.1\" is not a list of IPv4 addresses", Diagnostic("[dhcp4]\nip_address=100.64.1.5\nrouters=x 100.64.1.1"));
        Assert.Equal("rfc3442_classless_static_routes \"0.0.0.0/0\" is not \"dest/len gateway\" pairs", Diagnostic("[dhcp4]\nip_address=100.64.1.5\nrfc3442_classless_static_routes=0.0.0.0/0"));
        Assert.Equal("rfc3442_classless_static_routes \"0.0.0.0/33 1.2.3.4\" is not \"dest/len gateway\" pairs", Diagnostic("[dhcp4]\nip_address=100.64.1.5\nrfc3442_classless_static_routes=0.0.0.0/33 1.2.3.4"));
        Assert.Equal("classless_static_routes \"24 100 64\" is not \"dest/len gateway\" pairs", Diagnostic("[dhcp4]\nip_address=100.64.1.5\nclassless_static_routes=24 100 64"));
        Assert.Equal("expiry \"-1\" is not seconds since 1970", Diagnostic("[dhcp4]\nip_address=100.64.1.5\nexpiry=-1"));
        Assert.Equal("expiry \"1.5e9\" is not seconds since 1970", Diagnostic("[dhcp4]\nip_address=100.64.1.5\nexpiry=1.5e9"));
        Assert.Equal("dhcp_lease_time \"1h\" is not a number of seconds", Diagnostic("[dhcp4]\nip_address=100.64.1.5\ndhcp_lease_time=1h"));
        Assert.Equal($"over {NetworkManagerDeviceParser.MaximumLength} bytes: too big for a device state file", Diagnostic(new string('#', 70_000)));
    }
}
