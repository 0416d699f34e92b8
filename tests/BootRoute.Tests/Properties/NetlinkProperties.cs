using System.Net;
using BootRoute.Netlink;
using BootRoute.Netlink.Messages;
using BootRoute.Tests.Netlink;
using CsCheck;
using Xunit;

namespace BootRoute.Tests.Properties;

/// <summary>
/// The kernel's rtnetlink replies: trusted, but a reader that walks attributes by lengths taken from
/// the bytes must never read past them or throw anything but <see cref="NetlinkException"/>.
/// </summary>
public sealed class NetlinkProperties
{
    private static readonly byte[][] Captured =
    [
        Hex.Parse(MessageReaderTests.RuleDump), Hex.Parse(MessageReaderTests.RouteDump), Hex.Parse(MessageReaderTests.ErrorWithExtendedAck),
        .. IPv6Messages(),
    ];

    /// <summary>Each captured message's type and payload, so mutations can hit the attribute readers directly.</summary>
    private static readonly (ushort Type, byte[] Payload)[] Payloads = Captured.SelectMany(Messages).ToArray();

    /// <summary>AF_INET6 messages as the writer sends them (the reader's layout): a multipath-free route, a rule, an address.</summary>
    private static IEnumerable<byte[]> IPv6Messages()
    {
        var route = new BootRoute.Model.Route(101, BootRoute.Model.IPNetworkExtensions.DefaultIPv6, "v0", IPAddress.Parse("fe80::1"),
            IPAddress.Parse("2001:db8:1::10"), Metric: 1024);
        yield return Hex.Parse(MessageWriterTests.Encode(route, NetlinkConstants.RTM_NEWROUTE, 0, 3));
        var rule = new BootRoute.Model.PolicyRule(100, IPNetwork.Parse("2001:db8:1::/64"), 101, SuppressPrefixLength: 0,
            Family: System.Net.Sockets.AddressFamily.InterNetworkV6);
        yield return Hex.Parse(MessageWriterTests.EncodeRule(rule, NetlinkConstants.RTM_NEWRULE, 0));
        byte[] address = Hex.Parse(MessageReaderTests.IPv6TemporaryAddress);
        var header = new NetlinkHeader((uint)(address.Length + NetlinkHeader.Size), NetlinkConstants.RTM_NEWADDR, 0, 1, 0);
        byte[] message = new byte[NetlinkHeader.Size + address.Length];
        header.Write(message);
        address.CopyTo(message, NetlinkHeader.Size);
        yield return message;
    }

    private static readonly ushort[] Types =
        [NetlinkConstants.NLMSG_ERROR, NetlinkConstants.NLMSG_DONE, NetlinkConstants.RTM_NEWLINK, NetlinkConstants.RTM_NEWADDR, NetlinkConstants.RTM_NEWROUTE, NetlinkConstants.RTM_NEWRULE];

    [Fact]
    public void Mutated_datagrams_read_or_fail_with_a_netlink_exception() =>
        Gen.Frequency((4, Hostile.MutatedBytes(Gen.OneOf(Captured))), (1, Gen.Byte.Array[0, 200])).Sample(datagram => Hostile.InBoundedTime(() =>
        {
            try
            {
                foreach (var (type, payload) in Messages(datagram))
                {
                    Read(type, payload);
                }
            }
            catch (NetlinkException)
            {
            }
        }), iter: 1_000);

    [Fact]
    public void Mutated_payloads_of_every_message_type_read_or_fail_with_a_netlink_exception() =>
        Gen.Select(Gen.OneOf(Types), Hostile.MutatedBytes(Gen.OneOf(Payloads.Select(p => p.Payload).ToArray()))).Sample((type, payload) =>
        {
            try
            {
                Read(type, payload);
            }
            catch (NetlinkException)
            {
            }
        }, iter: 1_000);

    private static void Read(ushort type, byte[] payload)
    {
        var header = new NetlinkHeader((uint)(payload.Length + NetlinkHeader.Size), type, 0, 1, 0);
        _ = type switch
        {
            NetlinkConstants.NLMSG_ERROR => MessageReader.ReadError(header, payload),
            NetlinkConstants.NLMSG_DONE => (object)MessageReader.ReadDoneErrno(payload),
            NetlinkConstants.RTM_NEWLINK => MessageReader.ReadLink(payload),
            NetlinkConstants.RTM_NEWADDR => MessageReader.ReadAddress(payload, _ => "ens4"),
            NetlinkConstants.RTM_NEWROUTE => (object?)MessageReader.ReadRoute(payload, _ => "ens4") ?? MessageReader.ReadLookup(payload, IPAddress.Parse("192.0.2.1"), _ => null),
            NetlinkConstants.RTM_NEWRULE => MessageReader.ReadRule(payload),
            _ => null,
        };
    }

    private static List<(ushort Type, byte[] Payload)> Messages(byte[] datagram)
    {
        var messages = new List<(ushort, byte[])>();
        ReadOnlySpan<byte> rest = datagram;
        while (MessageReader.TryReadMessage(ref rest, out var header, out var payload))
        {
            messages.Add((header.Type, payload.ToArray()));
        }
        return messages;
    }
}
