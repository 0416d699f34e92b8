using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using BootRoute.Discovery;
using BootRoute.Model;
using CsCheck;
using Xunit;

namespace BootRoute.Tests.Properties;

/// <summary>
/// A DHCP lease as the lease files carry it, generated and written in each client's format, so the
/// parsers can be checked to read back exactly what was written (a round trip) and, mutated, to
/// reach their deep paths with almost-valid input.
/// </summary>
internal sealed record LeaseModel(string Interface, IPAddress Address, int Prefix, IPAddress? Router, ClasslessStaticRoute[]? Routes, uint Lifetime, long ExpiryEpoch)
{
    public static readonly Gen<IPAddress> Unicast = Gen.UInt[0x01000000, 0xDFFFFFFF].Select(Address4);

    public static readonly Gen<ClasslessStaticRoute> Route =
        Gen.Select(Gen.Int[0, 32], Gen.UInt, Unicast, (width, destination, gateway) =>
            new ClasslessStaticRoute(new IPNetwork(Address4(destination & Mask(width)), width), gateway));

    public static readonly Gen<LeaseModel> Any = Gen.Select(
        Gen.Int[0, 99].Select(n => $"ens{n}"), Unicast, Gen.Int[0, 32], Unicast.Null(), Route.Array[1, 4].Null(),
        Gen.Frequency((3, Gen.UInt[0, 1_000_000]), (1, Gen.UInt)),
        Gen.Long[0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()],
        (name, address, prefix, router, routes, lifetime, expiry) => new LeaseModel(name, address, prefix, router, routes, lifetime, expiry));

    public static readonly DateTimeOffset Written = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public IPAddress Netmask => Address4(Mask(Prefix));

    /// <summary>The routing every client's lease gives: <see cref="DhcpRouting"/>'s rule over the routers and option 121.</summary>
    public DhcpRouting Routing => DhcpRouting.Resolve(Router, Routes);

    public string Dhclient() => string.Join('\n',
        "lease {",
        $"  interface \"{Interface}\";",
        $"  fixed-address {Address};",
        $"  option subnet-mask {Netmask};",
        Router is null ? "" : $"  option routers {Router};",
        Routes is null ? "" : $"  option rfc3442-classless-static-routes {string.Join(',', Option121())};",
        $"  expire epoch {ExpiryEpoch};",
        "}", "");

    public string NetworkdKeyValue() => string.Join('\n',
        "# This is private data. Do not parse.",
        $"ADDRESS={Address}",
        $"NETMASK={Netmask}",
        Router is null ? "" : $"ROUTER={Router}",
        $"LIFETIME={Lifetime}",
        Routes is null ? "" : $"CLASSLESS_ROUTES={string.Join(' ', Routes.Select(r => $"{r.Destination},{r.Gateway}"))}",
        "");

    public string NetworkManager() => string.Join('\n',
        "[device]", "managed=true", "", "[dhcp4]",
        $"ip_address={Address}",
        $"subnet_mask={Netmask}",
        Router is null ? "" : $"routers={Router}",
        Routes is null ? "" : $"rfc3442_classless_static_routes={string.Join(' ', Routes.Select(r => $"{r.Destination} {r.Gateway}"))}",
        $"expiry={ExpiryEpoch}",
        "");

    /// <summary>A DHCPACK as dhcpcd saves it: the BOOTP header, the magic cookie, then the options.</summary>
    public byte[] Dhcpcd()
    {
        var bytes = new List<byte>(new byte[236]) { [0] = 2 };
        byte[] yiaddr = Address.GetAddressBytes();
        for (int i = 0; i < 4; i++)
        {
            bytes[16 + i] = yiaddr[i];
        }
        bytes.AddRange([99, 130, 83, 99, 53, 1, 5, 1, 4, .. Netmask.GetAddressBytes()]);
        bytes.AddRange([51, 4, (byte)(Lifetime >> 24), (byte)(Lifetime >> 16), (byte)(Lifetime >> 8), (byte)Lifetime]);
        if (Router is not null)
        {
            bytes.AddRange([3, 4, .. Router.GetAddressBytes()]);
        }
        if (Routes is not null)
        {
            byte[] option = Option121();
            bytes.AddRange([121, (byte)option.Length, .. option]);
        }
        bytes.Add(255);
        return bytes.ToArray();
    }

    /// <summary>RFC 3442's encoding: width, significant destination octets, router.</summary>
    public byte[] Option121() => Routes!.SelectMany(r =>
        new[] { (byte)r.Destination.PrefixLength }
            .Concat(r.Destination.BaseAddress.GetAddressBytes().Take((r.Destination.PrefixLength + 7) / 8))
            .Concat(r.Gateway.GetAddressBytes())).ToArray();

    /// <summary>The lease read back carries what was written.</summary>
    public void AssertReadBack(Lease? lease, IReadOnlyList<string> diagnostics)
    {
        Assert.True(lease is not null, $"no lease: {string.Join(" | ", diagnostics)}");
        Assert.Equal(Interface, lease.Interface);
        Assert.Equal(Address, lease.Address);
        Assert.Equal(Prefix, lease.PrefixLength);
        Assert.Equal(Routing.Gateway, lease.Gateway);
        Assert.Equal(Routing.ClasslessRoutes, lease.ClasslessStaticRoutes);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Interface} {Address}/{Prefix} router {Router} routes [{string.Join(' ', Routes?.Select(r => $"{r.Destination}>{r.Gateway}") ?? [])}] lifetime {Lifetime} expiry {ExpiryEpoch}");

    public static uint Mask(int width) => width == 0 ? 0u : uint.MaxValue << (32 - width);

    public static IPAddress Address4(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}

/// <summary>Checks every lease a parser returns stays within what the rest of the agent assumes.</summary>
internal static class LeaseBounds
{
    public static void Check(Lease? lease, IEnumerable<string> diagnostics)
    {
        foreach (string diagnostic in diagnostics)
        {
            Assert.False(Hostile.HasControlOrLoneSurrogate(PrintableText.Escape(diagnostic)));
        }
        if (lease is null)
        {
            return;
        }
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, lease.Address.AddressFamily);
        Assert.True(lease.PrefixLength is null or >= 0 and <= 32, $"prefix /{lease.PrefixLength}");
        Assert.True(lease.Gateway is null || lease.Gateway.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        foreach (var route in lease.ClasslessStaticRoutes)
        {
            Assert.InRange(route.Destination.PrefixLength, 0, 32);
            Assert.Equal(route.Destination, new IPNetwork(route.Destination.BaseAddress, route.Destination.PrefixLength));
        }
    }
}
