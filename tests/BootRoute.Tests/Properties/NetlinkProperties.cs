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
        [Hex.Parse(MessageReaderTests.RuleDump), Hex.Parse(MessageReaderTests.RouteDump), Hex.Parse(MessageReaderTests.ErrorWithExtendedAck)];

    /// <summary>Each captured message's type and payload, so mutations can hit the attribute readers directly.</summary>
    private static readonly (ushort Type, byte[] Payload)[] Payloads = Captured.SelectMany(Messages).ToArray();

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
