using BootRoute.Model;
using BootRoute.Native;
using BootRoute.Netlink.Messages;

namespace BootRoute.Netlink;

public sealed partial class RtnetlinkClient
{
    /// <summary>A dump changed under us this many times in a row before we give up and say so.</summary>
    private const int DumpAttempts = 3;

    private delegate void MessageHandler(ushort type, ReadOnlySpan<byte> payload);

    private delegate T? Decoder<T>(ReadOnlySpan<byte> payload) where T : class;

    private delegate T? NamedDecoder<T>(ReadOnlySpan<byte> payload, Func<int, string?> nameOfIndex) where T : class;

    /// <summary>
    /// Sends one request and reads until it is finished: an NLMSG_ERROR (errno 0 is the ack of a
    /// change, anything else throws) or, for a dump, NLMSG_DONE. Messages with another sequence
    /// number are leftovers of an earlier request that threw part way, and are skipped.
    /// Returns false when the kernel flagged the dump NLM_F_DUMP_INTR.
    /// </summary>
    private bool Exchange(ReadOnlySpan<byte> request, uint sequence, string operation, string? subject, MessageHandler? onData)
    {
        _socket.Send(request);
        bool consistent = true;
        while (true)
        {
            ReadOnlySpan<byte> datagram = _socket.Receive(ref _receiveBuffer);
            while (MessageReader.TryReadMessage(ref datagram, out NetlinkHeader header, out ReadOnlySpan<byte> payload))
            {
                if (header.Sequence != sequence)
                {
                    continue;
                }
                if (header.Has(NetlinkConstants.NLM_F_DUMP_INTR))
                {
                    consistent = false;
                }
                switch (header.Type)
                {
                    case NetlinkConstants.NLMSG_NOOP:
                        break;
                    case NetlinkConstants.NLMSG_ERROR:
                        NetlinkError error = MessageReader.ReadError(header, payload);
                        if (!error.IsAck)
                        {
                            ThrowHelper.ThrowKernelError(operation, error.Errno, subject, error.ExtendedAck);
                        }
                        return consistent;
                    case NetlinkConstants.NLMSG_DONE:
                        int errno = MessageReader.ReadDoneErrno(payload);
                        if (errno != 0)
                        {
                            ThrowHelper.ThrowKernelError(operation, errno, subject, extendedAck: null);
                        }
                        return consistent;
                    case NetlinkConstants.NLMSG_OVERRUN:
                        ThrowHelper.ThrowKernelError(operation, Errno.ENOBUFS, subject, "netlink overrun");
                        break;
                    default:
                        onData?.Invoke(header.Type, payload);
                        break;
                }
            }
        }
    }

    /// <summary>
    /// One complete dump of one family, redone when the kernel says it was interrupted by a change. The
    /// reply type is the request's RTM_GET* minus 2 (RTM_NEW*), as rtnetlink numbers them.
    /// </summary>
    private List<T> Dump<T>(ushort requestType, byte family, string operation, Decoder<T> decode)
        where T : class
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> buffer = stackalloc byte[SocketConstants.RequestBufferSize];
        for (int attempt = 1; attempt <= DumpAttempts; attempt++)
        {
            var results = new List<T>();
            uint sequence = NextSequence();
            ushort replyType = (ushort)(requestType - 2);
            ReadOnlySpan<byte> request = MessageWriter.Dump(buffer, requestType, sequence, family);
            bool consistent = Exchange(request, sequence, operation, subject: null, (type, payload) =>
            {
                if (type == replyType && decode(payload) is { } item)
                {
                    results.Add(item);
                }
            });
            if (consistent)
            {
                return results;
            }
        }
        ThrowHelper.ThrowDumpInterrupted(operation);
        return [];
    }

    /// <summary>
    /// A dump whose entries name interfaces by index. Names come from the cached link dump only (a
    /// link dump cannot run inside another dump on the same socket); if any index was unknown, the
    /// links are dumped again and the whole dump redone once.
    /// </summary>
    private List<T> DumpWithNames<T>(ushort requestType, byte family, string operation, NamedDecoder<T> decode)
        where T : class
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_interfaces.IsEmpty)
        {
            RefreshInterfaces();
        }
        for (int pass = 0; ; pass++)
        {
            bool missed = false;
            string? NameOf(int index)
            {
                string? name = _interfaces.NameOf(index);
                missed |= name is null;
                return name;
            }
            List<T> results = Dump(requestType, family, operation, payload => decode(payload, NameOf));
            if (!missed || pass > 0)
            {
                return results;
            }
            RefreshInterfaces();
        }
    }

    private List<Link> RefreshInterfaces()
    {
        List<Link> links = Dump(NetlinkConstants.RTM_GETLINK, NetlinkConstants.AF_UNSPEC, "link dump", ReadLink);
        _interfaces.Update(links);
        return links;
    }

    private static Link? ReadLink(ReadOnlySpan<byte> payload) => MessageReader.ReadLink(payload);

    /// <summary>Name for an index, dumping links again when it is not known yet (outside any exchange).</summary>
    private string? ResolveName(int index)
    {
        if (_interfaces.NameOf(index) is { } name)
        {
            return name;
        }
        RefreshInterfaces();
        return _interfaces.NameOf(index);
    }

    private int ResolveIndex(string device, string operation, string subject)
    {
        if (_interfaces.TryGetIndex(device, out int index))
        {
            return index;
        }
        RefreshInterfaces();
        if (!_interfaces.TryGetIndex(device, out index))
        {
            ThrowHelper.ThrowUnknownDevice(operation, device, subject);
        }
        return index;
    }
}
