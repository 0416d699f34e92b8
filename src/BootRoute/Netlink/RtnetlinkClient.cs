using System.Net;
using System.Net.Sockets;
using BootRoute.Model;
using BootRoute.Netlink.Messages;

namespace BootRoute.Netlink;

/// <summary>
/// <see cref="INetlink"/> over one NETLINK_ROUTE socket. Every change is sent with NLM_F_ACK and
/// waits for the kernel's answer; reads are NLM_F_DUMP requests. Calls are serialised on one lock,
/// since replies on a netlink socket are matched to requests by sequence number only.
/// Routes read back equal the records written as long as a metric of 0 is written as null: the
/// kernel does not report RTA_PRIORITY 0, so decoding turns it into null.
/// </summary>
public sealed partial class RtnetlinkClient : INetlink
{
    private const ushort CreateExclusive = NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL;
    private const ushort CreateOrReplace = NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_REPLACE;

    private readonly NetlinkSocket _socket;
    private readonly InterfaceDirectory _interfaces = new();
    private readonly Lock _gate = new();
    // Only the bytes a receive wrote are ever read, so the buffer need not be zeroed first: a small
    // namespace's dumps touch a page or two of it, not all sixteen.
    private byte[] _receiveBuffer = GC.AllocateUninitializedArray<byte>(SocketConstants.ReceiveBufferSize);
    private uint _sequence = (uint)Environment.TickCount;
    private bool _disposed;

    private RtnetlinkClient(NetlinkSocket socket) => _socket = socket;

    /// <inheritdoc/>
    public IReadOnlyList<Link> ListLinks()
    {
        lock (_gate)
        {
            return RefreshInterfaces();
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<InterfaceAddress> ListAddresses(AddressFamily family)
    {
        lock (_gate)
        {
            return DumpWithNames(NetlinkConstants.RTM_GETADDR, NetlinkConstants.FamilyOf(family), "address dump", MessageReader.ReadAddress);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<Route> ListRoutes(AddressFamily family)
    {
        lock (_gate)
        {
            return DumpWithNames(NetlinkConstants.RTM_GETROUTE, NetlinkConstants.FamilyOf(family), "route dump", MessageReader.ReadRoute);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<PolicyRule> ListRules(AddressFamily family)
    {
        lock (_gate)
        {
            return Dump(NetlinkConstants.RTM_GETRULE, NetlinkConstants.FamilyOf(family), "rule dump", MessageReader.ReadRule);
        }
    }

    /// <inheritdoc/>
    public void AddRoute(Route route) => ChangeRoute(NetlinkConstants.RTM_NEWROUTE, CreateExclusive, "route add", route);

    /// <inheritdoc/>
    public void ReplaceRoute(Route route) => ChangeRoute(NetlinkConstants.RTM_NEWROUTE, CreateOrReplace, "route replace", route);

    /// <inheritdoc/>
    public void DeleteRoute(Route route) => ChangeRoute(NetlinkConstants.RTM_DELROUTE, 0, "route del", route);

    /// <inheritdoc/>
    public void AddRule(PolicyRule rule) => ChangeRule(NetlinkConstants.RTM_NEWRULE, CreateExclusive, "rule add", rule);

    /// <inheritdoc/>
    public void DeleteRule(PolicyRule rule) => ChangeRule(NetlinkConstants.RTM_DELRULE, 0, "rule del", rule);

    /// <inheritdoc/>
    /// <remarks>
    /// While a namespace has no rules besides the three defaults the kernel merges the local table
    /// into main, so a lookup answered from local then reports table main (`ip route get` agrees).
    /// </remarks>
    public RouteLookup GetRoute(IPAddress destination, IPAddress? source)
    {
        ArgumentNullException.ThrowIfNull(destination);
        string subject = source is null ? destination.ToString() : $"{destination} from {source}";
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            uint sequence = NextSequence();
            Span<byte> buffer = stackalloc byte[SocketConstants.RequestBufferSize];
            ReadOnlySpan<byte> request = MessageWriter.Lookup(buffer, sequence, destination, source);

            // Copied out and decoded after the ack: resolving a new interface name may need a link
            // dump, which must not start while this exchange is still reading.
            byte[]? reply = null;
            Exchange(request, sequence, "route get", subject, (type, payload) =>
            {
                if (type == NetlinkConstants.RTM_NEWROUTE)
                {
                    reply ??= payload.ToArray();
                }
            });
            if (reply is null)
            {
                ThrowHelper.ThrowNoReply("route get", subject);
            }
            return MessageReader.ReadLookup(reply, destination, ResolveName);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _socket.Dispose();
            }
        }
    }

    private void ChangeRoute(ushort type, ushort flags, string operation, Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        string subject = route.ToString();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int index = route.Device is null ? 0 : ResolveIndex(route.Device, operation, subject);
            uint sequence = NextSequence();
            Span<byte> buffer = stackalloc byte[SocketConstants.RequestBufferSize];
            ReadOnlySpan<byte> request = MessageWriter.Route(
                buffer, type, (ushort)(NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK | flags), sequence, route, index);
            Exchange(request, sequence, operation, subject, onData: null);
        }
    }

    private void ChangeRule(ushort type, ushort flags, string operation, PolicyRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        string subject = RenderRule(rule);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            uint sequence = NextSequence();
            Span<byte> buffer = stackalloc byte[SocketConstants.RequestBufferSize];
            ReadOnlySpan<byte> request = MessageWriter.Rule(
                buffer, type, (ushort)(NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK | flags), sequence, rule);
            Exchange(request, sequence, operation, subject, onData: null);
        }
    }

    /// <summary>As the rule is typed after `ip rule add`: "pref 100 from 100.64.1.10 lookup 101 proto 200".</summary>
    internal static string RenderRule(PolicyRule rule) =>
        $"pref {rule.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)} {rule.Selector()}";

    private uint NextSequence() => ++_sequence;
}
